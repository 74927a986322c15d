// Data safety (issue 7): the audit log becomes a hash chain (seq, prev_hash, hash) with an
// outcome per row, and append-only — UPDATE, DELETE (and on PostgreSQL TRUNCATE) are
// refused by triggers. Rows written before this migration are chained in insertion order.
import type { Knex } from 'knex';
import { auditLogImmutable, auditRowHash, genesisHash, toChained } from '../audit-chain';

const isPg = (knex: Knex) => knex.client.config.client === 'pg';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.integer('seq').nullable();
    t.string('outcome', 20).notNullable().defaultTo('success');
    t.string('prev_hash', 64).nullable();
    t.string('hash', 64).nullable();
  });

  // Chain what is there: insertion order is rowid on SQLite; (at, id) is the best PostgreSQL knows.
  const order = isPg(knex) ? 'at, id' : 'rowid';
  let prev = genesisHash;
  let seq = 0;
  let offset = 0;
  for (;;) {
    const rows = (await knex.raw(`SELECT * FROM audit_log ORDER BY ${order} LIMIT 1000 OFFSET ${offset}`)) as unknown;
    const list = (isPg(knex) ? (rows as { rows: Record<string, unknown>[] }).rows : rows) as Record<string, unknown>[];
    if (list.length === 0) break;
    offset += list.length;
    for (const r of list) {
      seq++;
      const row = toChained({ ...r, seq, outcome: r.outcome ?? 'success', prev_hash: prev });
      const hash = auditRowHash(row);
      await knex('audit_log').where({ id: row.id }).update({ seq, prev_hash: prev, hash });
      prev = hash;
    }
  }
  await knex.schema.alterTable('audit_log', (t) => {
    t.unique(['seq'], { indexName: 'audit_log_seq_unique' });
  });

  if (isPg(knex)) {
    await knex.raw(`CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${auditLogImmutable}'; END $$`);
    await knex.raw(
      'CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_immutable()',
    );
    await knex.raw(
      'CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable()',
    );
  } else {
    await knex.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, '${auditLogImmutable}'); END`);
    await knex.raw(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, '${auditLogImmutable}'); END`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw('DROP TRIGGER audit_log_no_truncate ON audit_log');
    await knex.raw('DROP TRIGGER audit_log_no_change ON audit_log');
    await knex.raw('DROP FUNCTION audit_log_immutable()');
  } else {
    await knex.raw('DROP TRIGGER audit_log_no_delete');
    await knex.raw('DROP TRIGGER audit_log_no_update');
  }
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropUnique(['seq'], 'audit_log_seq_unique');
    t.dropColumn('hash');
    t.dropColumn('prev_hash');
    t.dropColumn('outcome');
    t.dropColumn('seq');
  });
}

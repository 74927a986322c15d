// 外出督导包 (issue 9). Every ledger gets a stable identity, so that a package made from one
// office database is refused by another; a package file (a ledger holding a chosen subset)
// carries its manifest, a snapshot of every exported row as it was at export (the base of
// the three-way merge) and the attachment files of its records; the office remembers what
// it merged from which package, so merging the same package again changes nothing.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ledger_identity', (t) => {
    t.string('id', 36).primary(); // this database's id, made once
    t.string('created_at', 30).notNullable();
  });
  await knex('ledger_identity').insert({ id: randomUUID(), created_at: new Date().toISOString() });

  // One row, in a package file only.
  await knex.schema.createTable('package_manifest', (t) => {
    t.string('package_id', 36).primary();
    t.integer('format_version').notNullable();
    t.string('source_database_id', 36).notNullable();
    t.string('source_name', 255).nullable();
    t.string('created_at', 30).notNullable();
    t.string('created_by', 100).notNullable();
    t.text('scope').notNullable(); // JSON { label, allianceIds, schoolIds, regionIds }
    t.text('migrations').notNullable(); // JSON list of the schema's migrations
    t.integer('record_count').notNullable();
    t.string('checksum', 64).nullable(); // re-sealed by the app after each of its writes
    t.string('sealed_at', 30).nullable();
    t.boolean('complete').notNullable().defaultTo(false); // set last: a half-written file lacks it
  });

  // Every exported row as it was at export (JSON), for the three-way comparison.
  await knex.schema.createTable('package_base', (t) => {
    t.string('entity', 50).notNullable();
    t.string('record_id', 36).notNullable();
    t.text('row').notNullable();
    t.primary(['entity', 'record_id']);
  });

  // Attachment files carried by a package, by content hash.
  await knex.schema.createTable('package_files', (t) => {
    t.string('sha256', 64).primary();
    t.binary('bytes').notNullable();
  });

  // In the office: what was merged (or declined) from which package, by the hash of the
  // package's row, so that the same package merged again is skipped record by record.
  await knex.schema.createTable('package_merges', (t) => {
    t.increments('seq').primary();
    t.string('package_id', 36).notNullable();
    t.string('entity', 50).notNullable();
    t.string('record_id', 36).notNullable();
    t.string('row_hash', 64).notNullable();
    t.string('decision', 20).notNullable(); // added | updated | office | package | mixed
    // The office record's content right after the merge: when it is still the same at the
    // next merge of this package (a second trip), the office has not changed it since.
    t.string('office_hash', 64).nullable();
    t.string('merged_at', 30).notNullable();
    t.index(['package_id', 'entity', 'record_id'], 'package_merges_record_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['package_merges', 'package_files', 'package_base', 'package_manifest', 'ledger_identity']) {
    await knex.schema.dropTable(table);
  }
}

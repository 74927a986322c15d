// Foundation: regions, schools, settings, the audit log and attachments.
import type { Knex } from 'knex';
import { dateColumn, recordColumns, ref, uniqueAmongLive } from '../schema-helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('regions', (t) => {
    recordColumns(t);
    t.string('name', 100).notNullable();
    t.string('code', 12).nullable(); // GB/T 2260 six-digit division code, when known
    t.string('level', 20).notNullable(); // province | city | county | town
    ref(t, 'parent_id', 'regions', { nullable: true });
    t.index(['parent_id', 'deleted_at'], 'regions_parent_idx');
    uniqueAmongLive(knex, t, ['code'], 'regions_code_unique', (qb) => qb.whereNotNull('code'));
  });

  await knex.schema.createTable('schools', (t) => {
    recordColumns(t);
    t.string('name', 100).notNullable();
    t.string('code', 10).nullable(); // 学校标识码, ten digits
    ref(t, 'region_id', 'regions'); // the county-level region
    t.string('stage', 30).notNullable();
    t.string('locality', 10).nullable();
    t.boolean('is_weak').notNullable().defaultTo(false);
    t.boolean('is_new').notNullable().defaultTo(false);
    t.integer('students').nullable();
    t.integer('teachers').nullable();
    t.string('principal', 50).nullable();
    t.string('phone', 50).nullable();
    t.string('address', 200).nullable();
    t.text('notes').nullable();
    dateColumn(t, 'opened_on');
    dateColumn(t, 'closed_on'); // 撤并: stops counting from this date, keeps its history
    t.text('former_names').nullable(); // JSON array of earlier names
    uniqueAmongLive(knex, t, ['code'], 'schools_code_unique', (qb) => qb.whereNotNull('code'));
    uniqueAmongLive(knex, t, ['region_id', 'name'], 'schools_region_name_unique');
    t.index(['deleted_at', 'name'], 'schools_name_idx');
    t.index(['region_id', 'stage'], 'schools_region_stage_idx');
  });

  await knex.schema.createTable('settings', (t) => {
    t.string('key', 100).primary();
    t.text('value').notNullable(); // JSON
    t.string('updated_at', 30).notNullable();
  });

  // Append-only: nobody edits the audit log, so it has no updated_at or deleted_at.
  await knex.schema.createTable('audit_log', (t) => {
    t.string('id', 36).primary();
    t.string('at', 30).notNullable();
    t.string('operator', 100).notNullable();
    t.string('entity', 50).notNullable();
    t.string('record_id', 36).notNullable();
    t.string('action', 20).notNullable(); // create | update | delete | restore | bulk
    t.text('before').nullable();
    t.text('after').nullable();
    t.index(['entity', 'record_id'], 'audit_log_record_idx');
    t.index(['at'], 'audit_log_at_idx');
  });

  // Files are stored in the data folder by content hash; this row keeps the original name.
  await knex.schema.createTable('attachments', (t) => {
    recordColumns(t);
    t.string('sha256', 64).notNullable();
    t.string('original_name', 255).notNullable();
    t.string('mime', 100).notNullable();
    t.integer('size').notNullable();
    t.index(['sha256'], 'attachments_sha_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['attachments', 'audit_log', 'settings', 'schools', 'regions']) {
    await knex.schema.dropTable(table);
  }
}

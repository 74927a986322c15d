// Free-text search over large ledgers. LIKE '%宝鸡%' scans every row (700 ms for a sorted
// page of 500k activities), and SQLite's trigram tokenizer cannot match two-character
// words, so text is indexed character by character: each CJK character is its own token
// and a query is searched as a phrase (see db/search.ts). The index is derived data:
// search_entries maps an integer key (stable across VACUUM) to the record.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('search_entries', (t) => {
    t.increments('id').primary();
    t.string('entity', 50).notNullable();
    t.string('record_id', 36).notNullable();
    t.unique(['entity', 'record_id'], { indexName: 'search_entries_record_unique' });
    if (knex.client.config.client === 'pg') t.specificType('body', 'tsvector');
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw('CREATE INDEX search_entries_body_idx ON search_entries USING GIN (body)');
  } else {
    await knex.raw(
      "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') await knex.raw('DROP TABLE search_fts');
  await knex.schema.dropTable('search_entries');
}

// Column conventions shared by every table (domain.md, "Entities"): a UUID id that two
// copies of the ledger can both create, created/updated timestamps, and a soft-delete
// marker so that deleted rows can be restored from 回收站 and merged later.
import type { Knex } from 'knex';

export function recordColumns(t: Knex.CreateTableBuilder): void {
  t.string('id', 36).primary();
  t.string('created_at', 30).notNullable();
  t.string('updated_at', 30).notNullable();
  t.string('deleted_at', 30).nullable();
  // Bumped by every write; a save names the version it was made from (optimistic locking,
  // db/records.ts). Ledgers older than migration 012 get it there.
  t.integer('row_version').notNullable().defaultTo(1);
}

/** A foreign key to another record's id. */
export function ref(
  t: Knex.CreateTableBuilder,
  column: string,
  table: string,
  options: { nullable?: boolean; onDelete?: 'CASCADE' | 'RESTRICT' } = {},
): void {
  const c = t.string(column, 36);
  if (options.nullable) c.nullable();
  else c.notNullable();
  c.references('id').inTable(table).onDelete(options.onDelete ?? 'RESTRICT');
}

/** A calendar date, stored as YYYY-MM-DD text on every engine so values compare and sort as written. */
export function dateColumn(t: Knex.CreateTableBuilder, column: string, nullable = true): void {
  const c = t.string(column, 10);
  if (nullable) c.nullable();
  else c.notNullable();
}

/**
 * An index over live rows only. Soft-deleted rows stay in the table, so uniqueness rules
 * ("a school's name is unique within its county") must ignore them.
 */
export function uniqueAmongLive(
  knex: Knex,
  t: Knex.CreateTableBuilder,
  columns: string[],
  name: string,
  extra?: (qb: Knex.QueryBuilder) => void,
): void {
  t.unique(columns, {
    indexName: name,
    predicate: knex.whereNull('deleted_at').modify((qb) => extra?.(qb)),
  });
}

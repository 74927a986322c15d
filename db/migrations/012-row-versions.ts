// Concurrent clerks (issue 10): every record carries a row version that each write bumps,
// so that a save made from a stale screen can be refused instead of overwriting the newer
// values ("此记录已被他人修改"). The column is `row_version`, not `version`: evaluation
// templates already have a `version` of their own (the template's edition).
//
// Ledgers made before this migration get the column here; tables created from now on get
// it from recordColumns (db/schema-helpers.ts), which is why each table is checked first.
import type { Knex } from 'knex';

/** Every table made with recordColumns in migrations 001–011. */
export const versionedTables = [
  'regions',
  'schools',
  'attachments',
  'alliances',
  'alliance_quality_ratings',
  'annual_plans',
  'alliance_members',
  'activities',
  'activity_schools',
  'record_attachments',
  'teacher_exchanges',
  'shared_courses',
  'shared_course_schools',
  'cooperation_projects',
  'problems',
  'supervisions',
  'rectifications',
  'interviews',
  'evaluation_templates',
  'indicators',
  'evaluations',
  'evaluation_scores',
  'awards',
  'reminder_states',
  'manual_reminders',
] as const;

/** Settings are one row per key; the sum of their versions is the version of the settings. */
const tables = [...versionedTables, 'settings'];

export async function up(knex: Knex): Promise<void> {
  for (const table of tables) {
    if (await knex.schema.hasColumn(table, 'row_version')) continue;
    await knex.schema.alterTable(table, (t) => {
      t.integer('row_version').notNullable().defaultTo(1);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of tables) {
    if (!(await knex.schema.hasColumn(table, 'row_version'))) continue;
    // A plain DROP COLUMN (SQLite 3.35+): knex's SQLite fallback rebuilds the table, which
    // the search-index triggers on activities do not survive.
    await knex.raw('ALTER TABLE ?? DROP COLUMN row_version', [table]);
  }
}

// The activity list at province scale (500,000 rows): every filter and sort of the list,
// and its COUNT, is answered from one index over the live rows, without visiting the rows.
//
// - The (deleted_at, …) indexes of 003 lead SQLite's planner astray: it takes
//   `deleted_at IS NULL` as an equality on the first column and walks all 500k rows
//   with a row lookup each (2.5 s for the first page). Partial indexes over live rows
//   replace them; recycle-bin lookups get their own index of deleted rows.
// - Each index carries alliance_id, so hiding the activities of a deleted alliance needs
//   no row lookups either.
// - Free text: the character index (007) yields integer keys; matching them to activities
//   through search_entries.record_id (a UUID) costs one random lookup per match (600 ms
//   for a word found in 100k activities). activities.search_key holds the key of the
//   activity's search entry, so a search is an integer join on an index (≈100 ms).
//   A trigger fills it whenever an activity's search entry is written (by the repository,
//   an import or the sample data), which always follows the activity row itself. The
//   trigger looks the activity up by its primary key, which bulk loads never drop.
import type { Knex } from 'knex';

const live = 'WHERE deleted_at IS NULL';

const liveIndexes: [name: string, columns: string][] = [
  ['activities_live_date_idx', 'date, id, alliance_id'],
  ['activities_live_alliance_idx', 'alliance_id, date, id'],
  ['activities_live_category_idx', 'category, date, id, alliance_id'],
  ['activities_live_form_idx', 'form, date, id, alliance_id'],
  ['activities_live_visit_idx', 'is_leadership_visit, date, id, alliance_id'],
  ['activities_live_title_idx', 'title, date, id, alliance_id'],
  ['activities_live_participants_idx', 'participants, date, id, alliance_id'],
];

function isPg(knex: Knex): boolean {
  return knex.client.config.client === 'pg';
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('activities', (t) => {
    t.integer('search_key').nullable();
  });
  for (const old of ['activities_date_idx', 'activities_alliance_date_idx', 'activities_category_date_idx']) {
    await knex.raw(`DROP INDEX IF EXISTS ${old}`);
  }
  for (const [name, columns] of liveIndexes) {
    await knex.raw(`CREATE INDEX ${name} ON activities (${columns}) ${live}`);
  }
  await knex.raw('CREATE INDEX activities_deleted_idx ON activities (deleted_at) WHERE deleted_at IS NOT NULL');
  if (isPg(knex)) return; // PostgreSQL searches the tsvector of search_entries directly.

  await knex.raw(`CREATE INDEX activities_live_search_idx ON activities
    (search_key, date, id, alliance_id, category, is_leadership_visit) ${live}`);
  await knex.raw(`UPDATE activities SET search_key =
    (SELECT e.id FROM search_entries e WHERE e.entity = 'activities' AND e.record_id = activities.id)`);
  await knex.raw(`CREATE TRIGGER search_entries_activity_key AFTER INSERT ON search_entries
    WHEN NEW.entity = 'activities'
    BEGIN
      UPDATE activities SET search_key = NEW.id WHERE id = NEW.record_id AND search_key IS NOT NEW.id;
    END`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) {
    await knex.raw('DROP TRIGGER IF EXISTS search_entries_activity_key');
    await knex.raw('DROP INDEX IF EXISTS activities_live_search_idx');
  }
  await knex.raw('DROP INDEX IF EXISTS activities_deleted_idx');
  for (const [name] of liveIndexes) await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  await knex.raw('CREATE INDEX activities_date_idx ON activities (deleted_at, date)');
  await knex.raw('CREATE INDEX activities_alliance_date_idx ON activities (alliance_id, date)');
  await knex.raw('CREATE INDEX activities_category_date_idx ON activities (category, date)');
  await knex.schema.alterTable('activities', (t) => {
    t.dropColumn('search_key');
  });
}

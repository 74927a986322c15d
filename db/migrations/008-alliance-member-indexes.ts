// Covering indexes for the alliance list at province scale (3,500 alliances, ~40,000
// members). The list derives member count, cross-region and the members' counties from
// the current members of each alliance; sorting by member count or filtering by
// cross-region evaluates that for every alliance. With these two indexes each member is
// read from the index alone, without visiting the member and school rows. Measured on
// SQLite (CPU time of one list page): sort by member count 34 → 26 ms, cross-region
// filter 40 → 26 ms; SQLite's planner picks the schools index once ANALYZE (or PRAGMA
// optimize) has gathered statistics.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('alliance_members', (t) => {
    t.index(['alliance_id', 'deleted_at', 'left_on', 'school_id', 'region_id'], 'alliance_members_current_idx');
  });
  // A member school's liveness, closing date and county, found by its id.
  await knex.schema.alterTable('schools', (t) => {
    t.index(['id', 'deleted_at', 'closed_on', 'region_id'], 'schools_membership_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('schools', (t) => t.dropIndex([], 'schools_membership_idx'));
  await knex.schema.alterTable('alliance_members', (t) => t.dropIndex([], 'alliance_members_current_idx'));
}

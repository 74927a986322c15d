// The rules of 考核评价 the first schema left to code: one evaluation per target, template
// and year; an award's date and note; and the lookups the scoring screens make.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One live evaluation of an alliance (or a school) per template and year. NULL targets
  // never collide, so each kind of target gets its own partial index.
  await knex.raw(
    `CREATE UNIQUE INDEX evaluations_alliance_unique ON evaluations (template_id, year, target_alliance_id)
     WHERE deleted_at IS NULL AND target_alliance_id IS NOT NULL`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX evaluations_school_unique ON evaluations (template_id, year, target_school_id)
     WHERE deleted_at IS NULL AND target_school_id IS NOT NULL`,
  );
  // An evaluation's total is summed from this index alone, without visiting the score rows.
  await knex.raw('CREATE INDEX evaluation_scores_total_idx ON evaluation_scores (evaluation_id, score) WHERE deleted_at IS NULL');
  await knex.raw('CREATE INDEX indicators_live_tree_idx ON indicators (template_id, sort_order) WHERE deleted_at IS NULL');
  await knex.schema.alterTable('awards', (t) => {
    t.string('awarded_on', 10).nullable();
    t.text('notes').nullable();
    t.index(['target_alliance_id'], 'awards_alliance_idx');
    t.index(['target_school_id'], 'awards_school_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('awards', (t) => {
    t.dropIndex([], 'awards_school_idx');
    t.dropIndex([], 'awards_alliance_idx');
    t.dropColumn('notes');
    t.dropColumn('awarded_on');
  });
  for (const name of ['indicators_live_tree_idx', 'evaluation_scores_total_idx', 'evaluations_school_unique', 'evaluations_alliance_unique']) {
    await knex.raw(`DROP INDEX IF EXISTS ${name}`);
  }
}

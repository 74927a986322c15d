// Evaluation templates with their indicator trees, evaluations with scores, and awards.
import type { Knex } from 'knex';
import { recordColumns, ref, uniqueAmongLive } from '../schema-helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evaluation_templates', (t) => {
    recordColumns(t);
    t.string('name', 200).notNullable();
    t.integer('year').nullable();
    t.string('target_type', 20).notNullable(); // alliance | school
    t.decimal('total_score', 10, 2).notNullable();
    t.text('grade_bands').notNullable(); // JSON [{ name, min }]
    t.integer('version').notNullable().defaultTo(1);
    // A template used by a submitted evaluation is frozen; editing it makes a new version.
    ref(t, 'previous_version_id', 'evaluation_templates', { nullable: true });
    t.boolean('is_sample').notNullable().defaultTo(false);
    uniqueAmongLive(knex, t, ['name', 'version'], 'evaluation_templates_name_version_unique');
  });

  await knex.schema.createTable('indicators', (t) => {
    recordColumns(t);
    ref(t, 'template_id', 'evaluation_templates', { onDelete: 'CASCADE' });
    ref(t, 'parent_id', 'indicators', { nullable: true, onDelete: 'CASCADE' });
    t.string('code', 30).nullable();
    t.string('name', 200).notNullable();
    t.decimal('max_score', 10, 2).notNullable();
    t.text('scoring_rule').nullable(); // 评分标准
    t.integer('sort_order').notNullable().defaultTo(0);
    t.index(['template_id', 'parent_id', 'sort_order'], 'indicators_tree_idx');
  });

  await knex.schema.createTable('evaluations', (t) => {
    recordColumns(t);
    ref(t, 'template_id', 'evaluation_templates');
    ref(t, 'target_alliance_id', 'alliances', { nullable: true });
    ref(t, 'target_school_id', 'schools', { nullable: true });
    t.integer('year').notNullable();
    t.text('evaluators').nullable();
    t.string('status', 20).notNullable().defaultTo('draft');
    t.text('comments').nullable();
    t.string('submitted_at', 30).nullable();
    t.string('locked_at', 30).nullable();
    t.check('(target_alliance_id IS NULL) <> (target_school_id IS NULL)', [], 'evaluations_one_target');
    t.index(['deleted_at', 'year', 'template_id'], 'evaluations_year_idx');
  });

  await knex.schema.createTable('evaluation_scores', (t) => {
    recordColumns(t);
    ref(t, 'evaluation_id', 'evaluations', { onDelete: 'CASCADE' });
    ref(t, 'indicator_id', 'indicators');
    t.decimal('score', 10, 2).nullable();
    t.text('note').nullable();
    uniqueAmongLive(knex, t, ['evaluation_id', 'indicator_id'], 'evaluation_scores_unique');
  });

  await knex.schema.createTable('awards', (t) => {
    recordColumns(t);
    t.integer('year').notNullable();
    t.string('title', 200).notNullable();
    ref(t, 'target_alliance_id', 'alliances', { nullable: true });
    ref(t, 'target_school_id', 'schools', { nullable: true });
    t.string('person_name', 50).nullable();
    t.string('issuing_body', 200).nullable();
    t.string('document_number', 100).nullable();
    t.index(['deleted_at', 'year'], 'awards_year_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['awards', 'evaluation_scores', 'evaluations', 'indicators', 'evaluation_templates']) {
    await knex.schema.dropTable(table);
  }
}

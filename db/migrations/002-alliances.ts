// Alliances, their members, quality ratings and annual plans.
import type { Knex } from 'knex';
import { dateColumn, recordColumns, ref, uniqueAmongLive } from '../schema-helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alliances', (t) => {
    recordColumns(t);
    t.string('name', 100).notNullable();
    t.string('kind', 30).notNullable();
    t.text('modes').notNullable().defaultTo('[]'); // JSON array of mode codes or bureau-defined names
    ref(t, 'lead_school_id', 'schools', { nullable: true });
    ref(t, 'lead_region_id', 'regions', { nullable: true }); // 主任县区 of a county alliance
    dateColumn(t, 'established_on');
    dateColumn(t, 'agreement_signed_on');
    dateColumn(t, 'plan_filed_on'); // 实施方案备案
    t.string('status', 20).notNullable().defaultTo('active');
    dateColumn(t, 'dissolved_on');
    t.text('notes').nullable();
    uniqueAmongLive(knex, t, ['name'], 'alliances_name_unique');
    t.index(['deleted_at', 'kind'], 'alliances_kind_idx');
    t.index(['lead_school_id'], 'alliances_lead_school_idx');
  });

  await knex.schema.createTable('alliance_quality_ratings', (t) => {
    recordColumns(t);
    ref(t, 'alliance_id', 'alliances', { onDelete: 'CASCADE' });
    t.string('rating', 30).notNullable();
    t.integer('year').notNullable();
    t.index(['alliance_id'], 'quality_ratings_alliance_idx');
  });

  await knex.schema.createTable('annual_plans', (t) => {
    recordColumns(t);
    ref(t, 'alliance_id', 'alliances', { onDelete: 'CASCADE' });
    t.string('school_year', 9).notNullable(); // 2024-2025
    dateColumn(t, 'filed_on');
    uniqueAmongLive(knex, t, ['alliance_id', 'school_year'], 'annual_plans_unique');
  });

  await knex.schema.createTable('alliance_members', (t) => {
    recordColumns(t);
    ref(t, 'alliance_id', 'alliances', { onDelete: 'CASCADE' });
    ref(t, 'school_id', 'schools', { nullable: true });
    ref(t, 'region_id', 'regions', { nullable: true }); // a member county of a county alliance
    t.string('role', 10).notNullable().defaultTo('member');
    dateColumn(t, 'joined_on');
    dateColumn(t, 'left_on');
    // Exactly one of school and region (domain.md).
    t.check('(school_id IS NULL) <> (region_id IS NULL)', [], 'alliance_members_one_target');
    uniqueAmongLive(knex, t, ['alliance_id', 'school_id'], 'alliance_members_school_unique', (qb) =>
      qb.whereNotNull('school_id'),
    );
    uniqueAmongLive(knex, t, ['alliance_id', 'region_id'], 'alliance_members_region_unique', (qb) =>
      qb.whereNotNull('region_id'),
    );
    t.index(['alliance_id', 'deleted_at'], 'alliance_members_alliance_idx');
    t.index(['school_id'], 'alliance_members_school_idx');
    t.index(['region_id'], 'alliance_members_region_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['alliance_members', 'annual_plans', 'alliance_quality_ratings', 'alliances']) {
    await knex.schema.dropTable(table);
  }
}

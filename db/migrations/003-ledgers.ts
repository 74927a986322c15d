// The ledgers of what alliances do: activities, teacher exchanges, shared courses and
// cooperation projects, plus the files records refer to.
import type { Knex } from 'knex';
import { dateColumn, recordColumns, ref, uniqueAmongLive } from '../schema-helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('activities', (t) => {
    recordColumns(t);
    ref(t, 'alliance_id', 'alliances');
    dateColumn(t, 'date', false);
    t.string('category', 30).notNullable();
    t.string('form', 50).nullable();
    t.string('title', 200).notNullable();
    ref(t, 'host_school_id', 'schools', { nullable: true });
    t.integer('participants').nullable();
    t.boolean('is_leadership_visit').notNullable().defaultTo(false);
    t.boolean('is_online').notNullable().defaultTo(false);
    t.text('summary').nullable();
    t.text('outcome').nullable();
    t.text('notes').nullable();
    // Lists sort by date within the live rows, optionally narrowed to one alliance or category;
    // the term filter is a date range, so these serve it too.
    t.index(['deleted_at', 'date'], 'activities_date_idx');
    t.index(['alliance_id', 'date'], 'activities_alliance_date_idx');
    t.index(['category', 'date'], 'activities_category_date_idx');
    t.index(['host_school_id'], 'activities_host_idx');
    uniqueAmongLive(knex, t, ['alliance_id', 'date', 'title'], 'activities_natural_unique');
  });

  await knex.schema.createTable('activity_schools', (t) => {
    recordColumns(t);
    ref(t, 'activity_id', 'activities', { onDelete: 'CASCADE' });
    ref(t, 'school_id', 'schools');
    t.index(['activity_id'], 'activity_schools_activity_idx');
    t.index(['school_id'], 'activity_schools_school_idx');
  });

  // Attachments of any record (activities now; supervisions and rectifications later).
  await knex.schema.createTable('record_attachments', (t) => {
    recordColumns(t);
    t.string('entity', 50).notNullable();
    t.string('record_id', 36).notNullable();
    ref(t, 'attachment_id', 'attachments');
    t.index(['entity', 'record_id'], 'record_attachments_record_idx');
  });

  await knex.schema.createTable('teacher_exchanges', (t) => {
    recordColumns(t);
    ref(t, 'alliance_id', 'alliances');
    t.string('teacher_name', 50).notNullable();
    t.string('subject', 50).nullable();
    ref(t, 'from_school_id', 'schools');
    ref(t, 'to_school_id', 'schools');
    t.string('kind', 30).notNullable();
    dateColumn(t, 'start_on', false);
    dateColumn(t, 'end_on');
    t.decimal('hours', 10, 1).nullable();
    t.string('status', 20).notNullable().defaultTo('planned');
    t.index(['deleted_at', 'start_on'], 'teacher_exchanges_start_idx');
    t.index(['alliance_id', 'start_on'], 'teacher_exchanges_alliance_idx');
    t.index(['from_school_id'], 'teacher_exchanges_from_idx');
    t.index(['to_school_id'], 'teacher_exchanges_to_idx');
  });

  await knex.schema.createTable('shared_courses', (t) => {
    recordColumns(t);
    ref(t, 'alliance_id', 'alliances');
    t.string('name', 100).notNullable();
    ref(t, 'provider_school_id', 'schools', { nullable: true });
    t.string('term', 11).notNullable(); // 2024-2025-1
    t.decimal('hours', 10, 1).nullable();
    t.integer('students_reached').nullable();
    t.index(['deleted_at', 'term'], 'shared_courses_term_idx');
    t.index(['alliance_id', 'term'], 'shared_courses_alliance_idx');
  });

  await knex.schema.createTable('shared_course_schools', (t) => {
    recordColumns(t);
    ref(t, 'shared_course_id', 'shared_courses', { onDelete: 'CASCADE' });
    ref(t, 'school_id', 'schools');
    t.index(['shared_course_id'], 'shared_course_schools_course_idx');
    t.index(['school_id'], 'shared_course_schools_school_idx');
  });

  await knex.schema.createTable('cooperation_projects', (t) => {
    recordColumns(t);
    ref(t, 'alliance_id', 'alliances');
    t.integer('year').notNullable();
    t.string('name', 200).notNullable();
    t.string('lead', 100).nullable();
    t.string('status', 20).notNullable().defaultTo('planned');
    t.text('outcome').nullable();
    t.index(['deleted_at', 'year'], 'cooperation_projects_year_idx');
    t.index(['alliance_id', 'year'], 'cooperation_projects_alliance_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'cooperation_projects',
    'shared_course_schools',
    'shared_courses',
    'teacher_exchanges',
    'record_attachments',
    'activity_schools',
    'activities',
  ]) {
    await knex.schema.dropTable(table);
  }
}

// Problem lists, supervisions, rectification notices and interviews.
import type { Knex } from 'knex';
import { dateColumn, recordColumns, ref } from '../schema-helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('problems', (t) => {
    recordColumns(t);
    ref(t, 'alliance_id', 'alliances');
    ref(t, 'school_id', 'schools', { nullable: true });
    t.text('description').notNullable();
    t.text('goal').nullable();
    t.text('measures').nullable();
    t.text('stage_tasks').nullable();
    dateColumn(t, 'due_on', false); // every problem has a deadline (domain.md)
    t.string('owner', 50).notNullable(); // 责任人
    t.string('status', 20).notNullable().defaultTo('open');
    dateColumn(t, 'done_on');
    t.text('verification_note').nullable();
    t.index(['deleted_at', 'status', 'due_on'], 'problems_status_due_idx');
    t.index(['alliance_id', 'due_on'], 'problems_alliance_idx');
  });

  await knex.schema.createTable('supervisions', (t) => {
    recordColumns(t);
    t.string('kind', 20).notNullable();
    dateColumn(t, 'date', false);
    ref(t, 'target_alliance_id', 'alliances', { nullable: true });
    ref(t, 'target_school_id', 'schools', { nullable: true });
    ref(t, 'target_region_id', 'regions', { nullable: true });
    t.text('inspectors').nullable();
    t.text('findings').nullable();
    t.string('rating', 50).nullable();
    t.string('conclusion', 30).nullable();
    t.index(['deleted_at', 'date'], 'supervisions_date_idx');
    t.index(['target_alliance_id'], 'supervisions_alliance_idx');
  });

  await knex.schema.createTable('rectifications', (t) => {
    recordColumns(t);
    ref(t, 'supervision_id', 'supervisions', { onDelete: 'CASCADE' });
    t.string('number', 100).notNullable(); // 文号
    dateColumn(t, 'issued_on', false);
    dateColumn(t, 'deadline', false);
    t.text('items').nullable();
    t.string('status', 20).notNullable().defaultTo('issued');
    dateColumn(t, 'reported_on');
    dateColumn(t, 'verified_on');
    t.string('verifier', 50).nullable();
    t.index(['deleted_at', 'status', 'deadline'], 'rectifications_status_deadline_idx');
    t.index(['supervision_id'], 'rectifications_supervision_idx');
  });

  await knex.schema.createTable('interviews', (t) => {
    recordColumns(t);
    ref(t, 'supervision_id', 'supervisions', { onDelete: 'CASCADE' });
    dateColumn(t, 'date', false);
    t.text('interviewees').notNullable();
    t.text('content').nullable();
    t.text('follow_up').nullable();
    t.index(['supervision_id'], 'interviews_supervision_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['interviews', 'rectifications', 'supervisions', 'problems']) {
    await knex.schema.dropTable(table);
  }
}

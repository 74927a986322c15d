// Reminders are computed from the data; only the clerk's decisions about them are stored
// (done / snoozed by key), plus reminders a clerk writes by hand.
import type { Knex } from 'knex';
import { dateColumn, recordColumns, uniqueAmongLive } from '../schema-helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reminder_states', (t) => {
    recordColumns(t);
    t.string('key', 200).notNullable(); // rule:recordId[:term|year]
    t.string('state', 20).notNullable(); // done | snoozed
    dateColumn(t, 'snoozed_until');
    t.text('note').nullable();
    uniqueAmongLive(knex, t, ['key'], 'reminder_states_key_unique');
  });

  await knex.schema.createTable('manual_reminders', (t) => {
    recordColumns(t);
    t.string('title', 200).notNullable();
    dateColumn(t, 'due_on', false);
    t.text('note').nullable();
    t.string('entity', 50).nullable();
    t.string('record_id', 36).nullable();
    t.index(['deleted_at', 'due_on'], 'manual_reminders_due_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('manual_reminders');
  await knex.schema.dropTable('reminder_states');
}

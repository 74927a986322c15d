import { gatherReminderFacts, manualReminderRepository, reminderStateRepository } from '../../db/repositories/reminder-repository';
import { settingsRepository } from '../../db/repositories/settings-repository';
import type { Reminder } from '../api/reminders';
import { withDefaultRules } from '../api/settings';
import { applyDecisions, computeReminders, countOpen } from '../services/reminders';
import { today as todayOf, versioned, write, type Ctx, type HandlersOf } from './context';

async function remindersFor(ctx: Ctx, day: string | undefined, includeHandled: boolean): Promise<Reminder[]> {
  const today = day ?? todayOf(ctx);
  const stored = await settingsRepository(ctx.db).get();
  const settings = { ...stored, reminderRules: withDefaultRules(stored.reminderRules) };
  const facts = await gatherReminderFacts(ctx.db, today, settings);
  const derived = computeReminders(facts, settings.reminderRules, today);
  const decisions = await reminderStateRepository(ctx.db).forKeys(derived.map((r) => r.key));
  return applyDecisions(derived, decisions, today, includeHandled);
}

export const remindersHandlers: HandlersOf<'reminders'> = {
  'reminders.forDay': ({ today, includeHandled }, ctx) => remindersFor(ctx, today, includeHandled ?? false),
  'reminders.counts': async ({ today }, ctx) => countOpen(await remindersFor(ctx, today, false)),
  'reminders.markDone': async ({ key, note }, ctx) => {
    await write(ctx, (trx, w) => reminderStateRepository(trx).set(trx, key, { state: 'done', snoozedUntil: null, note }, w));
    return { key };
  },
  'reminders.snooze': async ({ key, until }, ctx) => {
    await write(ctx, (trx, w) => reminderStateRepository(trx).set(trx, key, { state: 'snoozed', snoozedUntil: until }, w));
    return { key };
  },
  'reminders.reopen': async ({ key }, ctx) => {
    await write(ctx, (trx, w) => reminderStateRepository(trx).clear(trx, key, w));
    return { key };
  },
  'reminders.addManual': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => manualReminderRepository(trx).create(trx, draft, w));
    return manualReminderRepository(ctx.db).get(id);
  },
  'reminders.updateManual': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => manualReminderRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => manualReminderRepository(ctx.db).get(id),
    );
    return manualReminderRepository(ctx.db).get(id);
  },
  'reminders.deleteManual': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => manualReminderRepository(trx).remove(trx, id, w));
    return { id };
  },
};

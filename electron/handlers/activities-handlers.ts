import type { ActivityDraft } from '../api/activities';
import { invalid } from '../api/errors';
import { termsBetween } from '../api/terms';
import { activityRepository } from '../../db/repositories/activity-repository';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { today, versioned, write, type Ctx, type HandlersOf } from './context';

const terms = async (ctx: Ctx) => (await settingsRepository(ctx.db).get()).terms;

/** The ledger records what happened; a date more than a year ahead is a typing slip. */
function assertDate(draft: ActivityDraft, ctx: Ctx): void {
  const now = today(ctx);
  const limit = `${Number(now.slice(0, 4)) + 1}${now.slice(4)}`;
  if (draft.date > limit) {
    const message = `活动日期不能晚于 ${limit}（今天起一年内）`;
    throw invalid(message, { date: message });
  }
}

export const activitiesHandlers: HandlersOf<'activities'> = {
  'activities.list': async (q, ctx) => activityRepository(ctx.db).list(q, await terms(ctx)),
  'activities.get': async ({ id }, ctx) => activityRepository(ctx.db).get(id, await terms(ctx)),
  'activities.create': async (draft, ctx) => {
    assertDate(draft, ctx);
    const id = await write(ctx, (trx, w) => activityRepository(trx).create(trx, draft, w));
    return activityRepository(ctx.db).get(id, await terms(ctx));
  },
  'activities.update': async ({ id, rowVersion, draft }, ctx) => {
    assertDate(draft, ctx);
    await versioned(
      () => write(ctx, (trx, w) => activityRepository(trx).update(trx, id, draft, w, rowVersion)),
      async () => activityRepository(ctx.db).get(id, await terms(ctx)),
    );
    return activityRepository(ctx.db).get(id, await terms(ctx));
  },
  'activities.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => activityRepository(trx).remove(trx, id, w));
    return { id };
  },
  'activities.addAttachment': async ({ activityId, attachmentId }, ctx) => {
    await write(ctx, (trx, w) => activityRepository(trx).addAttachment(trx, activityId, attachmentId, w));
    return activityRepository(ctx.db).get(activityId, await terms(ctx));
  },
  'activities.removeAttachment': async ({ activityId, attachmentId }, ctx) => {
    await write(ctx, (trx, w) => activityRepository(trx).removeAttachment(trx, activityId, attachmentId, w));
    return activityRepository(ctx.db).get(activityId, await terms(ctx));
  },
  'activities.terms': async ({ allianceId }, ctx) => {
    const span = await activityRepository(ctx.db).dateSpan(allianceId);
    return span ? termsBetween(span.from, span.to, await terms(ctx)) : [];
  },
};

import { interviewRepository } from '../../db/repositories/interview-repository';
import { rectificationRepository, type RectificationFields } from '../../db/repositories/rectification-repository';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { supervisionRepository } from '../../db/repositories/supervision-repository';
import type { Db } from '../../db/connection';
import type { RectificationDraft } from '../api/supervisions';
import { addWorkingDays } from '../services/working-days';
import { today, versioned, write, type HandlersOf } from './context';

/** 限期 N 个工作日 after the issue date, by the calendar with 设置's corrections. */
async function deadlineFrom(db: Db, issuedOn: string, workingDays: number): Promise<string> {
  const { workdayCorrections } = await settingsRepository(db).get();
  return addWorkingDays(issuedOn, workingDays, workdayCorrections ?? []);
}

async function fieldsOf(db: Db, d: RectificationDraft): Promise<RectificationFields> {
  const deadline = d.deadline ?? (await deadlineFrom(db, d.issuedOn, d.workingDays ?? 0));
  return { supervisionId: d.supervisionId, number: d.number, issuedOn: d.issuedOn, deadline, items: d.items };
}

export const supervisionsHandlers: HandlersOf<'supervisions' | 'rectifications' | 'interviews'> = {
  'supervisions.list': (q, ctx) => supervisionRepository(ctx.db).list(q),
  'supervisions.get': ({ id }, ctx) => supervisionRepository(ctx.db).get(id),
  'supervisions.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => supervisionRepository(trx).create(trx, draft, w));
    return supervisionRepository(ctx.db).get(id);
  },
  'supervisions.update': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => supervisionRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => supervisionRepository(ctx.db).get(id),
    );
    return supervisionRepository(ctx.db).get(id);
  },
  'supervisions.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => supervisionRepository(trx).remove(trx, id, w));
    return { id };
  },

  'rectifications.list': (q, ctx) => rectificationRepository(ctx.db).list(q, today(ctx)),
  'rectifications.get': ({ id }, ctx) => rectificationRepository(ctx.db).get(id, today(ctx)),
  'rectifications.create': async (draft, ctx) => {
    const fields = await fieldsOf(ctx.db, draft);
    const id = await write(ctx, (trx, w) => rectificationRepository(trx).create(trx, fields, w));
    return rectificationRepository(ctx.db).get(id, today(ctx));
  },
  'rectifications.update': async ({ id, rowVersion, draft }, ctx) => {
    const fields = await fieldsOf(ctx.db, draft);
    await versioned(
      () => write(ctx, (trx, w) => rectificationRepository(trx).update(trx, id, fields, w, rowVersion)),
      () => rectificationRepository(ctx.db).get(id, today(ctx)),
    );
    return rectificationRepository(ctx.db).get(id, today(ctx));
  },
  'rectifications.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => rectificationRepository(trx).remove(trx, id, w));
    return { id };
  },
  'rectifications.report': async ({ id, reportedOn }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => rectificationRepository(trx).report(trx, id, reportedOn, w)),
      () => rectificationRepository(ctx.db).get(id, today(ctx)),
    );
    return rectificationRepository(ctx.db).get(id, today(ctx));
  },
  'rectifications.verify': async ({ id, verifiedOn, verifier }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => rectificationRepository(trx).verify(trx, id, verifiedOn, verifier, w)),
      () => rectificationRepository(ctx.db).get(id, today(ctx)),
    );
    return rectificationRepository(ctx.db).get(id, today(ctx));
  },
  'rectifications.deadlineFrom': async ({ issuedOn, workingDays }, ctx) => ({
    deadline: await deadlineFrom(ctx.db, issuedOn, workingDays),
  }),

  'interviews.list': (q, ctx) => interviewRepository(ctx.db).list(q),
  'interviews.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => interviewRepository(trx).create(trx, draft, w));
    return interviewRepository(ctx.db).get(id);
  },
  'interviews.update': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => interviewRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => interviewRepository(ctx.db).get(id),
    );
    return interviewRepository(ctx.db).get(id);
  },
  'interviews.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => interviewRepository(trx).remove(trx, id, w));
    return { id };
  },
};

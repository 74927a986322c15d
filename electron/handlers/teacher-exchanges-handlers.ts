import { settingsRepository } from '../../db/repositories/settings-repository';
import { teacherExchangeRepository, type ExchangeScope } from '../../db/repositories/teacher-exchange-repository';
import type { Db } from '../../db/connection';
import type { TeacherExchangeListQuery } from '../api/teacher-exchanges';
import { termRange } from '../api/terms';
import { today, versioned, write, type HandlersOf } from './context';

/** A term or calendar year filter becomes the date range an exchange must overlap. */
async function scopeOf(db: Db, q: TeacherExchangeListQuery): Promise<ExchangeScope> {
  const scope: ExchangeScope = { allianceId: q.allianceId, regionId: q.regionId };
  if (q.term) Object.assign(scope, termRange(q.term, (await settingsRepository(db).get()).terms));
  if (q.year) Object.assign(scope, { from: `${q.year}-01-01`, to: `${q.year}-12-31` });
  return scope;
}

export const teacherExchangesHandlers: HandlersOf<'teacherExchanges'> = {
  'teacherExchanges.list': async (q, ctx) =>
    teacherExchangeRepository(ctx.db).list(q, await scopeOf(ctx.db, q), today(ctx)),
  'teacherExchanges.get': ({ id }, ctx) => teacherExchangeRepository(ctx.db).get(id, today(ctx)),
  'teacherExchanges.summary': (q, ctx) => teacherExchangeRepository(ctx.db).summary(q, today(ctx)),
  'teacherExchanges.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => teacherExchangeRepository(trx).create(trx, draft, w));
    return teacherExchangeRepository(ctx.db).get(id, today(ctx));
  },
  'teacherExchanges.update': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => teacherExchangeRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => teacherExchangeRepository(ctx.db).get(id, today(ctx)),
    );
    return teacherExchangeRepository(ctx.db).get(id, today(ctx));
  },
  'teacherExchanges.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => teacherExchangeRepository(trx).remove(trx, id, w));
    return { id };
  },
};

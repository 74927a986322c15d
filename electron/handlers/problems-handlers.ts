import { problemRepository } from '../../db/repositories/problem-repository';
import { invalid } from '../api/errors';
import { today, versioned, write, type Ctx, type HandlersOf } from './context';

/** A problem cannot be marked done on a day that has not come yet. */
function assertNotFuture(doneOn: string | null, ctx: Ctx): void {
  const now = today(ctx);
  if (doneOn && doneOn > now) {
    const message = `完成日期不能晚于今天（${now}）`;
    throw invalid(message, { doneOn: message });
  }
}

export const problemsHandlers: HandlersOf<'problems'> = {
  'problems.list': (q, ctx) => problemRepository(ctx.db).list(q, today(ctx)),
  'problems.get': ({ id }, ctx) => problemRepository(ctx.db).get(id, today(ctx)),
  'problems.create': async (draft, ctx) => {
    assertNotFuture(draft.doneOn, ctx);
    const id = await write(ctx, (trx, w) => problemRepository(trx).create(trx, draft, w));
    return problemRepository(ctx.db).get(id, today(ctx));
  },
  'problems.update': async ({ id, rowVersion, draft }, ctx) => {
    assertNotFuture(draft.doneOn, ctx);
    await versioned(
      () => write(ctx, (trx, w) => problemRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => problemRepository(ctx.db).get(id, today(ctx)),
    );
    return problemRepository(ctx.db).get(id, today(ctx));
  },
  'problems.close': async (input, ctx) => {
    assertNotFuture(input.doneOn, ctx);
    await versioned(
      () => write(ctx, (trx, w) => problemRepository(trx).close(trx, input, w)),
      () => problemRepository(ctx.db).get(input.id, today(ctx)),
    );
    return problemRepository(ctx.db).get(input.id, today(ctx));
  },
  'problems.reopen': async ({ id }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => problemRepository(trx).reopen(trx, id, w)),
      () => problemRepository(ctx.db).get(id, today(ctx)),
    );
    return problemRepository(ctx.db).get(id, today(ctx));
  },
  'problems.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => problemRepository(trx).remove(trx, id, w));
    return { id };
  },
};

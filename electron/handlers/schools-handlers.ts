import { schoolRepository } from '../../db/repositories/school-repository';
import { today, write, type HandlersOf } from './context';

export const schoolsHandlers: HandlersOf<'schools'> = {
  'schools.list': (q, ctx) => schoolRepository(ctx.db).list(q, today(ctx)),
  'schools.get': ({ id }, ctx) => schoolRepository(ctx.db).get(id, today(ctx)),
  'schools.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => schoolRepository(trx).create(trx, draft, w));
    return schoolRepository(ctx.db).get(id, today(ctx));
  },
  'schools.update': async ({ id, draft }, ctx) => {
    await write(ctx, (trx, w) => schoolRepository(trx).update(trx, id, draft, w));
    return schoolRepository(ctx.db).get(id, today(ctx));
  },
  'schools.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => schoolRepository(trx).remove(trx, id, w));
    return { id };
  },
};

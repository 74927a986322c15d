import { reindexActivities } from '../../db/repositories/activity-writes';
import { schoolRepository } from '../../db/repositories/school-repository';
import { today, versioned, write, type HandlersOf } from './context';

export const schoolsHandlers: HandlersOf<'schools'> = {
  'schools.list': (q, ctx) => schoolRepository(ctx.db).list(q, today(ctx)),
  'schools.get': ({ id }, ctx) => schoolRepository(ctx.db).get(id, today(ctx)),
  'schools.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => schoolRepository(trx).create(trx, draft, w));
    return schoolRepository(ctx.db).get(id, today(ctx));
  },
  'schools.update': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () =>
        write(ctx, async (trx, w) => {
          const before = await schoolRepository(trx).get(id, today(ctx));
          await schoolRepository(trx).update(trx, id, draft, w, rowVersion);
          // Activities are found by their schools' names too, so a rename re-indexes them.
          if (before.name !== draft.name) await reindexActivities(trx, { schoolId: id });
        }),
      () => schoolRepository(ctx.db).get(id, today(ctx)),
    );
    return schoolRepository(ctx.db).get(id, today(ctx));
  },
  'schools.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => schoolRepository(trx).remove(trx, id, w));
    return { id };
  },
};

import { settingsRepository } from '../../db/repositories/settings-repository';
import { sharedCourseRepository } from '../../db/repositories/shared-course-repository';
import { versioned, write, type HandlersOf } from './context';

export const sharedCoursesHandlers: HandlersOf<'sharedCourses'> = {
  'sharedCourses.list': (q, ctx) => sharedCourseRepository(ctx.db).list(q),
  'sharedCourses.get': ({ id }, ctx) => sharedCourseRepository(ctx.db).get(id),
  'sharedCourses.create': async (draft, ctx) => {
    const { terms } = await settingsRepository(ctx.db).get();
    const id = await write(ctx, (trx, w) => sharedCourseRepository(trx).create(trx, draft, terms, w));
    return sharedCourseRepository(ctx.db).get(id);
  },
  'sharedCourses.update': async ({ id, rowVersion, draft }, ctx) => {
    const { terms } = await settingsRepository(ctx.db).get();
    await versioned(
      () => write(ctx, (trx, w) => sharedCourseRepository(trx).update(trx, id, draft, terms, w, rowVersion)),
      () => sharedCourseRepository(ctx.db).get(id),
    );
    return sharedCourseRepository(ctx.db).get(id);
  },
  'sharedCourses.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => sharedCourseRepository(trx).remove(trx, id, w));
    return { id };
  },
};

import { cooperationProjectRepository } from '../../db/repositories/cooperation-project-repository';
import { versioned, write, type HandlersOf } from './context';

export const cooperationProjectsHandlers: HandlersOf<'cooperationProjects'> = {
  'cooperationProjects.list': (q, ctx) => cooperationProjectRepository(ctx.db).list(q),
  'cooperationProjects.get': ({ id }, ctx) => cooperationProjectRepository(ctx.db).get(id),
  'cooperationProjects.missing': ({ year, regionId }, ctx) => cooperationProjectRepository(ctx.db).missing(year, regionId),
  'cooperationProjects.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => cooperationProjectRepository(trx).create(trx, draft, w));
    return cooperationProjectRepository(ctx.db).get(id);
  },
  'cooperationProjects.update': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => cooperationProjectRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => cooperationProjectRepository(ctx.db).get(id),
    );
    return cooperationProjectRepository(ctx.db).get(id);
  },
  'cooperationProjects.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => cooperationProjectRepository(trx).remove(trx, id, w));
    return { id };
  },
};

import { invalid } from '../api/errors';
import { regionRepository } from '../../db/repositories/region-repository';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { divisions, divisionTree } from '../services/divisions';
import { versioned, write, type HandlersOf } from './context';

export const regionsHandlers: HandlersOf<'regions'> = {
  'regions.list': (q, ctx) => regionRepository(ctx.db).list(q),
  'regions.get': ({ id }, ctx) => regionRepository(ctx.db).get(id),
  'regions.create': async (draft, ctx) => {
    const id = await write(ctx, (trx, w) => regionRepository(trx).create(trx, draft, w));
    return regionRepository(ctx.db).get(id);
  },
  'regions.update': async ({ id, rowVersion, draft }, ctx) => {
    await versioned(
      () => write(ctx, (trx, w) => regionRepository(trx).update(trx, id, draft, w, rowVersion)),
      () => regionRepository(ctx.db).get(id),
    );
    return regionRepository(ctx.db).get(id);
  },
  'regions.delete': async ({ id }, ctx) => {
    await write(ctx, (trx, w) => regionRepository(trx).remove(trx, id, w));
    return { id };
  },
  'regions.divisions': async () => divisions(),

  // First run: the bureau picks its own region; it is created with its ancestors and its
  // county-level children, with their GB/T 2260 codes. Regions that exist are reused.
  'regions.setHome': async ({ code }, ctx) => {
    const tree = divisionTree(code);
    if (!tree) throw invalid('未找到该行政区划', { code: '未找到该行政区划' });
    let created = 0;
    const homeId = await write(ctx, async (trx, w) => {
      const repo = regionRepository(trx);
      const idsByCode = new Map<string, string>();
      const ensure = async (n: typeof tree.chosen, parentId: string | null) => {
        const found = await repo.findByCode(n.fullCode);
        if (found) {
          idsByCode.set(n.fullCode, found.id);
          return found.id;
        }
        const id = await repo.create(trx, { name: n.name, code: n.fullCode, level: n.level, parentId }, w);
        created++;
        idsByCode.set(n.fullCode, id);
        return id;
      };
      let parentId: string | null = null;
      for (const a of tree.ancestors) parentId = await ensure(a, parentId);
      const home = await ensure(tree.chosen, parentId);
      for (const d of tree.descendants) await ensure(d.node, idsByCode.get(d.parentCode) ?? home);
      await settingsRepository(trx).update(trx, { homeRegionId: home }, w);
      return home;
    });
    return { home: await regionRepository(ctx.db).get(homeId), created };
  },
};

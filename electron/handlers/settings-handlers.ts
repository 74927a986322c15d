import { settingsRepository } from '../../db/repositories/settings-repository';
import type { Db } from '../../db/connection';
import type { VersionedSettings } from '../api/settings';
import { notFound } from '../api/errors';
import { versioned, write, type HandlersOf } from './context';

async function current(db: Db): Promise<VersionedSettings> {
  const repo = settingsRepository(db);
  return { ...(await repo.get()), rowVersion: await repo.version() };
}

export const settingsHandlers: HandlersOf<'settings'> = {
  'settings.get': (_input, ctx) => current(ctx.db),
  'settings.update': async ({ rowVersion, ...patch }, ctx) => {
    await versioned(
      () =>
        write(ctx, async (trx, w) => {
          // The home region must be one in the ledger (regions.setHome is how the first-run screen sets it).
          if (patch.homeRegionId && !(await trx('regions').where({ id: patch.homeRegionId }).whereNull('deleted_at').first('id'))) {
            throw notFound('所选的本局区划');
          }
          await settingsRepository(trx).update(trx, patch, w, rowVersion);
        }),
      () => current(ctx.db),
    );
    return current(ctx.db);
  },
};

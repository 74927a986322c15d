import { settingsRepository } from '../../db/repositories/settings-repository';
import { notFound } from '../api/errors';
import { write, type HandlersOf } from './context';

export const settingsHandlers: HandlersOf<'settings'> = {
  'settings.get': (_input, ctx) => settingsRepository(ctx.db).get(),
  'settings.update': async (patch, ctx) => {
    await write(ctx, async (trx, w) => {
      // The home region must be one in the ledger (regions.setHome is how the first-run screen sets it).
      if (patch.homeRegionId && !(await trx('regions').where({ id: patch.homeRegionId }).whereNull('deleted_at').first('id'))) {
        throw notFound('所选的本局区划');
      }
      await settingsRepository(trx).update(trx, patch, w);
    });
    return settingsRepository(ctx.db).get();
  },
};

import { settingsRepository } from '../../db/repositories/settings-repository';
import { write, type HandlersOf } from './context';

export const settingsHandlers: HandlersOf<'settings'> = {
  'settings.get': (_input, ctx) => settingsRepository(ctx.db).get(),
  'settings.update': async (patch, ctx) => {
    await write(ctx, (trx, w) => settingsRepository(trx).update(trx, patch, w));
    return settingsRepository(ctx.db).get();
  },
};

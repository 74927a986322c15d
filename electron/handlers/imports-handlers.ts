import { settingsRepository } from '../../db/repositories/settings-repository';
import type { ImportInput } from '../api/imports';
import { commitImport, previewImport } from '../services/import';
import { today, type Ctx, type HandlersOf } from './context';

function options(input: ImportInput, ctx: Ctx) {
  return { sheet: input.sheet || undefined, today: today(ctx), progress: ctx.progress, signal: ctx.signal };
}

export const importsHandlers: HandlersOf<'imports'> = {
  'imports.preview': (input, ctx) =>
    previewImport(ctx.db, input.kind, Buffer.from(input.dataBase64, 'base64'), input.fileName, options(input, ctx)),
  'imports.commit': async (input, ctx) => {
    const { operatorName } = await settingsRepository(ctx.db).get();
    return commitImport(ctx.db, input.kind, Buffer.from(input.dataBase64, 'base64'), input.fileName, {
      ...options(input, ctx),
      audit: { operator: operatorName, now: ctx.clock.now() },
    });
  },
};

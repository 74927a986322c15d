import { auditOperator } from '../../db/access';
import { settingsRepository } from '../../db/repositories/settings-repository';
import type { ImportInput } from '../api/imports';
import { commitImport, errorReport, importTemplate, previewImport } from '../services/import';
import { today, type Ctx, type HandlersOf } from './context';
import { resealIfPackage } from '../../db/audit-package/package-tables';

function options(input: ImportInput, ctx: Ctx) {
  return { sheet: input.sheet || undefined, today: today(ctx), progress: ctx.progress, signal: ctx.signal, allErrors: input.allErrors };
}

const bytesOf = (input: ImportInput) => Buffer.from(input.dataBase64, 'base64');

export const importsHandlers: HandlersOf<'imports'> = {
  'imports.preview': (input, ctx) => previewImport(ctx.db, input.kind, bytesOf(input), input.fileName, options(input, ctx)),
  'imports.commit': async (input, ctx) => {
    const { operatorName } = await settingsRepository(ctx.db).get();
    const result = await commitImport(ctx.db, input.kind, bytesOf(input), input.fileName, {
      ...options(input, ctx),
      audit: { operator: await auditOperator(ctx.db, operatorName), now: ctx.clock.now() },
    });
    // An import runs its own transaction; in an open 督导包 the seal follows it.
    await ctx.db.transaction((trx) => resealIfPackage(trx, ctx.clock.now()));
    return result;
  },
  'imports.template': async ({ kind }, ctx) => {
    const { extraModes, extraActivityForms } = await settingsRepository(ctx.db).get();
    const file = await importTemplate(kind, { extraModes, extraActivityForms });
    return { fileName: file.fileName, dataBase64: Buffer.from(file.bytes).toString('base64') };
  },
  'imports.errorReport': async (input, ctx) => {
    const preview = await previewImport(ctx.db, input.kind, bytesOf(input), input.fileName, { ...options(input, ctx), allErrors: true });
    const file = await errorReport(preview);
    return { fileName: file.fileName, dataBase64: Buffer.from(file.bytes).toString('base64') };
  },
};

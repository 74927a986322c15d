import { notFound } from '../api/errors';
import type { Attachment } from '../api/system';
import { insertRecord } from '../../db/records';
import { accessOf } from '../../db/access';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { systemRepository } from '../../db/repositories/system-repository';
import { readAttachment, storeAttachment } from '../services/attachment-store';
import { loadSampleData } from '../services/sample-data';
import { write, type HandlersOf } from './context';
import { openPackageOf } from './audit-packages-handlers';

// auditLog.verify lives with the backups (backups-handlers.ts).
export const systemHandlers: Omit<HandlersOf<'system' | 'sample' | 'recycleBin' | 'auditLog' | 'attachments'>, 'auditLog.verify'> = {
  'system.stats': (_input, ctx) => systemRepository(ctx.db).stats(),
  'system.status': async (_input, ctx) => ({
    empty: await systemRepository(ctx.db).isEmpty(),
    homeChosen: (await settingsRepository(ctx.db).get()).homeRegionId !== null,
    dataDir: ctx.dataDir,
    access: await accessOf(ctx.db),
    package: await openPackageOf(ctx.db, ctx.dataDir),
  }),
  'sample.load': async (input, ctx) => {
    await loadSampleData(ctx.db, input, { clock: ctx.clock, progress: ctx.progress, signal: ctx.signal });
    return systemRepository(ctx.db).stats();
  },
  'recycleBin.list': (q, ctx) => systemRepository(ctx.db).deleted(q),
  'recycleBin.restore': async ({ entity, id }, ctx) => {
    await write(ctx, (trx, w) => systemRepository(trx).restore(trx, entity, id, w));
    return { id };
  },
  'auditLog.list': (q, ctx) => systemRepository(ctx.db).audit(q),
  'attachments.upload': async (file, ctx) => {
    const { sha256, size } = storeAttachment(ctx.dataDir, Buffer.from(file.dataBase64, 'base64'));
    const row = await write(ctx, (trx, w) =>
      insertRecord(trx, 'attachments', { sha256, size, original_name: file.name, mime: file.mime }, w),
    );
    return toAttachment(row);
  },
  'attachments.get': async ({ id }, ctx) => {
    const row = await ctx.db('attachments').where({ id }).whereNull('deleted_at').first();
    if (!row) throw notFound('附件');
    const attachment = toAttachment(row);
    return { ...attachment, dataBase64: readAttachment(ctx.dataDir, attachment.sha256).toString('base64') };
  },
};

function toAttachment(r: Record<string, unknown>): Attachment {
  return {
    id: String(r.id),
    originalName: String(r.original_name),
    mime: String(r.mime),
    size: Number(r.size),
    sha256: String(r.sha256),
    createdAt: String(r.created_at),
  };
}

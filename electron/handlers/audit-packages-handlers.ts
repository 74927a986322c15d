// 外出督导包: export, open on the laptop (as the working database), download it back, and
// 合并督导包 in the office (preview, then merge with the clerk's choices).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { invalid } from '../api/errors';
import type { OpenPackage } from '../api/audit-packages';
import { sqliteFileOf, openDatabase, type Db } from '../../db/connection';
import { readManifest } from '../../db/audit-package/package-tables';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { databaseFile, openPackageStateFile, packagesDir } from '../main/paths';
import { exportPackage, mergePackage, openCheckedPackage, previewMerge, snapshotPackage, summaryOf } from '../services/audit-package';
import { attachmentPath, storeAttachment } from '../services/attachment-store';
import { localDate, today, write, type Ctx, type HandlersOf } from './context';

const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || '督导包';

/** An uploaded file, written to the data folder for the work and removed after it. */
async function withUpload<T>(ctx: Ctx, dataBase64: string, work: (file: string) => Promise<T>): Promise<T> {
  const dir = packagesDir(ctx.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `.upload-${randomUUID()}.sqlite`);
  fs.writeFileSync(file, Buffer.from(dataBase64, 'base64'));
  try {
    return await work(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function operatorOf(ctx: Ctx) {
  return { operator: (await settingsRepository(ctx.db).get()).operatorName, now: ctx.clock.now() };
}

const work = (ctx: Ctx) => ({ ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.progress ? { progress: ctx.progress } : {}) });

/** The package open as the working database, or null in the normal ledger. */
export async function openPackageOf(db: Db, dataDir: string): Promise<OpenPackage | null> {
  const manifest = await readManifest(db);
  if (!manifest || !manifest.complete) return null;
  const file = sqliteFileOf(db);
  let openedAt = manifest.sealedAt ?? manifest.createdAt;
  try {
    const state = JSON.parse(fs.readFileSync(openPackageStateFile(dataDir), 'utf8')) as { openedAt?: string };
    if (state.openedAt) openedAt = state.openedAt;
  } catch {
    // No note: the package was opened some other way (the CLI's --db).
  }
  return { ...summaryOf(manifest), openedAt, fileName: file ? path.basename(file) : '' };
}

function hostOf(ctx: Ctx) {
  const host = ctx.ledger;
  if (!host?.switchTo) throw invalid('当前运行方式不能切换数据库，请在台账程序中打开督导包');
  return host as typeof host & { switchTo: NonNullable<typeof host.switchTo> };
}

export const auditPackagesHandlers: HandlersOf<'auditPackages'> = {
  'auditPackages.export': async (input, ctx) => {
    const now = ctx.clock.now();
    const day = today(ctx);
    const since = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
    const scope = { allianceIds: input.allianceIds, schoolIds: input.schoolIds, regionIds: input.regionIds, year: input.year ?? now.getFullYear(), since };
    const out = path.join(packagesDir(ctx.dataDir), `.export-${randomUUID()}.sqlite`);
    try {
      const result = await exportPackage(ctx.db, ctx.dataDir, scope, out, await operatorOf(ctx), work(ctx));
      const bytes = fs.readFileSync(out);
      return {
        fileName: `督导包-${safe(result.label)}-${localDate(now)}.sqlite`,
        dataBase64: bytes.toString('base64'),
        packageId: result.packageId,
        recordCount: result.recordCount,
      };
    } finally {
      fs.rmSync(out, { force: true });
    }
  },

  'auditPackages.open': async ({ dataBase64 }, ctx) => {
    const host = hostOf(ctx);
    // The clerk on this machine stays the operator of what is recorded in the package.
    const { operatorName } = await settingsRepository(ctx.db).get();
    return withUpload(ctx, dataBase64, async (upload) => {
      const checked = await openCheckedPackage(upload, packagesDir(ctx.dataDir));
      const { manifest } = checked;
      const target = path.join(packagesDir(ctx.dataDir), `督导包-${manifest.packageId}.sqlite`);
      try {
        // Opened before on this machine: its working copy (with the visit's records) is kept.
        if (!fs.existsSync(target)) {
          const files = (await checked.db('package_files').select('sha256', 'bytes')) as { sha256: string; bytes: Buffer }[];
          for (const f of files) if (!fs.existsSync(attachmentPath(ctx.dataDir, f.sha256))) storeAttachment(ctx.dataDir, f.bytes);
          fs.copyFileSync(upload, `${target}.part`);
          fs.renameSync(`${target}.part`, target);
        }
      } finally {
        await checked.dispose();
      }
      await host.switchTo(target);
      const inPackage: Ctx = { ...ctx, db: host.db };
      if (operatorName && (await settingsRepository(host.db).get()).operatorName !== operatorName) {
        await write(inPackage, (trx, w) => settingsRepository(trx).update(trx, { operatorName }, w));
      }
      const openedAt = ctx.clock.now().toISOString();
      fs.writeFileSync(openPackageStateFile(ctx.dataDir), JSON.stringify({ file: path.basename(target), openedAt }));
      const info = await openPackageOf(host.db, ctx.dataDir);
      if (!info) throw invalid('督导包无法打开');
      return info;
    });
  },

  'auditPackages.close': async (_input, ctx) => {
    const host = hostOf(ctx);
    if (!(await readManifest(ctx.db))) return { closed: false };
    const home = databaseFile(ctx.dataDir);
    if (!fs.existsSync(home)) await (await openDatabase(home, { create: true })).destroy();
    await host.switchTo(home);
    fs.rmSync(openPackageStateFile(ctx.dataDir), { force: true });
    return { closed: true };
  },

  'auditPackages.download': async (_input, ctx) => {
    const manifest = await readManifest(ctx.db);
    const file = sqliteFileOf(ctx.db);
    if (!manifest || !file) throw invalid('当前打开的不是督导包');
    fs.mkdirSync(packagesDir(ctx.dataDir), { recursive: true });
    const tmp = path.join(packagesDir(ctx.dataDir), `.download-${randomUUID()}.sqlite`);
    try {
      await snapshotPackage(file, tmp, (sha256) => {
        const f = attachmentPath(ctx.dataDir, sha256);
        return fs.existsSync(f) ? fs.readFileSync(f) : null;
      });
      return { fileName: `督导包-${safe(manifest.scope.label)}-带回-${today(ctx)}.sqlite`, dataBase64: fs.readFileSync(tmp).toString('base64') };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  },

  'auditPackages.preview': ({ dataBase64 }, ctx) => withUpload(ctx, dataBase64, (file) => previewMerge(ctx.db, file, ctx.dataDir)),

  'auditPackages.merge': async ({ dataBase64, resolutions }, ctx) => {
    const w = await operatorOf(ctx);
    return withUpload(ctx, dataBase64, (file) => mergePackage(ctx.db, file, ctx.dataDir, resolutions, w, work(ctx)));
  },
};

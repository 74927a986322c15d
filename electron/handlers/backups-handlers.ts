// 备份与恢复 and the audit log's chain check. Every backup, download, restore and delete
// leaves a row in the audit log; a failed backup or restore leaves one marked failed.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, invalid } from '../api/errors';
import type { BackupInfo } from '../api/backups';
import { backupDirOf } from '../../db/backup-files';
import { verifyAuditChain } from '../../db/audit-chain';
import { networkShareWarning, sqliteFileOf } from '../../db/connection';
import { writeAudit } from '../../db/records';
import { readManifest } from '../../db/audit-package/package-tables';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { systemRepository } from '../../db/repositories/system-repository';
import {
  backupPath,
  listBackups,
  ledgerFile,
  prepareRestore,
  pruneBackups,
  sha256Of,
  swapIn,
  takeBackup,
  autoBackupDue,
  unchangedSince,
} from '../services/backup';
import { localDate, write, type Ctx, type HandlersOf } from './context';

/** The audit row's record id for a backup file: its time stamp and kind. */
const recordIdOf = (name: string) => name.replace(/^ledger-/, '').replace(/\.sqlite$/, '');

async function audit(ctx: Ctx, entry: Parameters<typeof writeAudit>[2]): Promise<void> {
  await write(ctx, (trx, w) => writeAudit(trx, w, entry));
}

/** A failure is recorded too, when the database can still take the row. */
async function auditFailure(ctx: Ctx, action: 'backup' | 'restoreBackup', e: unknown, detail: Record<string, unknown>): Promise<void> {
  if (e instanceof AppError && e.code === 'cancelled') return;
  try {
    await audit(ctx, {
      entity: 'backups',
      recordId: 'failed',
      action,
      outcome: 'failed',
      after: { ...detail, error: e instanceof Error ? e.message : String(e) },
    });
  } catch (again) {
    ctx.log.error(again);
  }
}

async function backupNow(ctx: Ctx, kind: 'manual' | 'auto'): Promise<BackupInfo> {
  try {
    const info = await takeBackup(ctx.db, ctx.dataDir, kind, ctx.clock.now(), work(ctx));
    await audit(ctx, { entity: 'backups', recordId: recordIdOf(info.name), action: 'backup', after: { file: info.name, kind: info.kindLabel, size: info.size } });
    pruneBackups(ledgerFile(ctx.db), (await settingsRepository(ctx.db).get()).backup);
    return info;
  } catch (e) {
    await auditFailure(ctx, 'backup', e, { kind });
    throw e;
  }
}

const work = (ctx: Ctx) => ({ ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.progress ? { progress: ctx.progress } : {}) });

/**
 * The automatic backup: at start-up, and while running after a day without one, unless the
 * ledger has not changed since its newest backup. Never throws — a failed automatic backup
 * is logged and recorded, and the app goes on.
 */
export async function autoBackup(ctx: Ctx, atStartUp: boolean): Promise<BackupInfo | null> {
  try {
    const file = sqliteFileOf(ctx.db);
    if (!file) return null;
    const { backup } = await settingsRepository(ctx.db).get();
    if (!backup.autoBackup || !autoBackupDue(file, ctx.clock.now(), atStartUp)) return null;
    if (await systemRepository(ctx.db).isEmpty()) return null;
    // Nothing written since the newest backup (of any kind): that copy is today's.
    const newest = listBackups(file)[0];
    if (newest && (await unchangedSince(ctx.db, backupPath(file, newest.name)))) return null;
    return await backupNow(ctx, 'auto');
  } catch (e) {
    ctx.log.error(e);
    return null;
  }
}

/** A file name for a backup handed out: 台账备份-2026-11-22-1015.sqlite, in local time. */
function downloadName(at: string): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `台账备份-${localDate(d)}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.sqlite`;
}

export const backupsHandlers: HandlersOf<'backups'> & Pick<HandlersOf<'auditLog'>, 'auditLog.verify'> = {
  'backups.status': async (_input, ctx) => {
    const file = sqliteFileOf(ctx.db);
    const { backup } = await settingsRepository(ctx.db).get();
    return {
      available: file !== null,
      reason: file ? null : 'PostgreSQL 数据库的备份与恢复由服务器管理员负责（例如 pg_dump），本程序不做备份',
      networkWarning: file ? networkShareWarning(file) : null,
      backupDir: file ? backupDirOf(file) : null,
      policy: backup,
      backups: file ? listBackups(file) : [],
    };
  },

  'backups.create': (_input, ctx) => backupNow(ctx, 'manual'),

  'backups.download': async ({ name }, ctx) => {
    const file = ledgerFile(ctx.db);
    const info = name ? listBackups(file).find((b) => b.name === name) : await backupNow(ctx, 'manual');
    if (!info) throw invalid('没有这个备份，可能已被删除');
    const bytes = await fs.promises.readFile(backupPath(file, info.name));
    const fileName = downloadName(info.at);
    await audit(ctx, { entity: 'backups', recordId: recordIdOf(info.name), action: 'export', after: { file: info.name, fileName, size: bytes.length } });
    return { fileName, dataBase64: bytes.toString('base64') };
  },

  'backups.restore': async (input, ctx) => {
    const host = ctx.ledger;
    ledgerFile(ctx.db);
    if (!host) throw invalid('当前运行方式不能恢复备份，请在台账程序的“设置”中恢复');
    // A 督导包 is not the ledger the backups belong to.
    if (await readManifest(ctx.db)) throw invalid('当前打开的是督导包，请先返回正常台账再恢复备份');
    const file = host.file;
    const from = 'name' in input ? input.name : input.fileName;
    let upload: string | null = null;
    let candidate: string;
    if ('name' in input) candidate = backupPath(file, input.name);
    else {
      upload = path.join(backupDirOf(file), `.upload-${randomUUID()}.sqlite`);
      fs.mkdirSync(path.dirname(upload), { recursive: true });
      fs.writeFileSync(upload, Buffer.from(input.dataBase64, 'base64'));
      candidate = upload;
    }
    let prepared: string | null = null;
    try {
      const sha256 = await sha256Of(candidate);
      // Refuses a bad file with the reason; nothing has changed then.
      prepared = await prepareRestore(candidate, file, ctx.dataDir, work(ctx));
      const savedAs = await takeBackup(host.db, ctx.dataDir, 'restore', ctx.clock.now(), work(ctx));
      const ready = prepared;
      try {
        await host.reopen(() => swapIn(ready, file));
        prepared = null;
      } catch (e) {
        // The restored file would not open: put back what was there.
        ctx.log.error(e);
        const back = `${file}.undo-${randomUUID()}`;
        fs.copyFileSync(backupPath(file, savedAs.name), back);
        await host.reopen(() => swapIn(back, file));
        throw invalid(`恢复失败，已回到恢复前的数据。原因：${e instanceof Error ? e.message : String(e)}`);
      }
      const restored: Ctx = { ...ctx, db: host.db };
      await audit(restored, {
        entity: 'backups',
        recordId: recordIdOf(savedAs.name),
        action: 'restoreBackup',
        after: { from, sha256, savedCurrentAs: savedAs.name },
      });
      return { restoredFrom: from, savedAs };
    } catch (e) {
      await auditFailure({ ...ctx, db: host.db }, 'restoreBackup', e, { from });
      throw e;
    } finally {
      if (prepared) fs.rmSync(prepared, { force: true });
      if (upload) fs.rmSync(upload, { force: true });
    }
  },

  'backups.delete': async ({ name }, ctx) => {
    const target = backupPath(ledgerFile(ctx.db), name);
    fs.rmSync(target, { force: true });
    await audit(ctx, { entity: 'backups', recordId: recordIdOf(name), action: 'delete', before: { file: name } });
    return { name };
  },

  'auditLog.verify': (_input, ctx) =>
    verifyAuditChain(ctx.db, {
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      progress: (done, total) => ctx.progress?.({ phase: '校验操作日志', done, total }),
    }),
};

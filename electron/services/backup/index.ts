// 备份与恢复 (issue 7): a backup is one SQLite file — a VACUUM INTO snapshot of the live
// ledger plus its attachment files — in the data folder's backups/. Automatic backups are
// pruned by the policy in 设置 (the newest of each of the last N days and M weeks); manual
// ones are the clerk's to delete. Restoring checks the file first (integrity, schema
// version, not from a newer app), saves the current ledger, then swaps the database.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { Progress } from '../../api/common';
import type { BackupPolicy } from '../../api/settings';
import { cancelled, invalid } from '../../api/errors';
import { migrations } from '../../../db/migrations';
import {
  all,
  BackupCancelled,
  backupDirOf,
  backupKinds,
  backupName,
  checkBackupFile,
  closeRaw,
  openRaw,
  parseBackupName,
  run,
  snapshotDatabase,
  type BackupKind,
} from '../../../db/backup-files';
import { sqliteFileOf, type Db } from '../../../db/connection';
import { attachmentPath } from '../attachment-store';
import { localDate } from '../../handlers/context';

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  kindLabel: string;
  /** UTC instant the backup was taken. */
  at: string;
  size: number;
}

interface Work {
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
}

/** The SQLite file of a ledger, or a refusal in the clerk's words on PostgreSQL. */
export function ledgerFile(db: Db): string {
  const file = sqliteFileOf(db);
  if (!file) throw invalid('PostgreSQL 数据库的备份与恢复由服务器管理员负责（例如 pg_dump），本程序不做备份');
  return file;
}

export function listBackups(databaseFile: string): BackupInfo[] {
  const dir = backupDirOf(databaseFile);
  if (!fs.existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    out.push({ name, kind: parsed.kind, kindLabel: backupKinds[parsed.kind], at: parsed.at.toISOString(), size: fs.statSync(path.join(dir, name)).size });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

/** A listed backup's path; a name that is not one (or tries to leave the folder) is refused. */
export function backupPath(databaseFile: string, name: string): string {
  if (!parseBackupName(name) || path.basename(name) !== name) throw invalid('没有这个备份');
  const file = path.join(backupDirOf(databaseFile), name);
  if (!fs.existsSync(file)) throw invalid('没有这个备份，可能已被删除');
  return file;
}

/**
 * Takes a backup of the live ledger: the database snapshot, then each attachment the
 * snapshot refers to, into a temporary file renamed into place when whole.
 */
export async function takeBackup(
  db: Db,
  dataDir: string,
  kind: BackupKind,
  now: Date,
  work: Work = {},
): Promise<BackupInfo> {
  const file = ledgerFile(db);
  const dir = backupDirOf(file);
  const name = backupName(now, kind);
  const target = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.${randomUUID()}.tmp`);
  try {
    work.progress?.({ phase: '备份数据库', done: 0, total: 1 });
    await snapshotDatabase(file, tmp, work.signal);
    await addAttachments(tmp, dataDir, work);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof BackupCancelled || work.signal?.aborted) throw cancelled();
    throw e;
  }
  return { name, kind, kindLabel: backupKinds[kind], at: now.toISOString(), size: fs.statSync(target).size };
}

async function addAttachments(snapshot: string, dataDir: string, work: Work): Promise<void> {
  const db = await openRaw(snapshot, sqlite3.OPEN_READWRITE);
  try {
    await run(db, 'CREATE TABLE backup_files (sha256 TEXT PRIMARY KEY, bytes BLOB NOT NULL)');
    const hashes = (await all<{ sha256: string }>(db, 'SELECT DISTINCT sha256 FROM attachments')).map((r) => r.sha256);
    await run(db, 'BEGIN');
    for (const [i, sha256] of hashes.entries()) {
      if (work.signal?.aborted) throw new BackupCancelled();
      const source = attachmentPath(dataDir, sha256);
      // A file missing from the folder cannot be backed up; its row still is.
      if (fs.existsSync(source)) await run(db, 'INSERT INTO backup_files (sha256, bytes) VALUES (?, ?)', [sha256, fs.readFileSync(source)]);
      if (i % 20 === 0 || i === hashes.length - 1) work.progress?.({ phase: '备份附件', done: i + 1, total: hashes.length });
    }
    await run(db, 'COMMIT');
  } finally {
    await closeRaw(db);
  }
}

/**
 * The automatic backups to delete: of 自动备份 and 升级前备份 (手动备份 and 恢复前备份, the
 * undo of a restore, stay until the clerk deletes them), the newest backup of each of
 * the last `keepDaily` days that have one and of each of the last `keepWeekly` weeks
 * (weeks start on Monday) are kept; the rest go. Days are the clerk's local days.
 */
export function backupsToPrune(backups: BackupInfo[], policy: BackupPolicy): BackupInfo[] {
  const automatic = backups.filter((b) => b.kind === 'auto' || b.kind === 'migration').sort((a, b) => b.at.localeCompare(a.at));
  const keep = new Set<string>();
  const newestOf = (key: (b: BackupInfo) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of automatic) {
      const k = key(b);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b.name);
    }
  };
  newestOf((b) => localDate(new Date(b.at)), policy.keepDaily);
  newestOf((b) => weekOf(new Date(b.at)), policy.keepWeekly);
  return automatic.filter((b) => !keep.has(b.name));
}

/** The local date of the Monday that starts the week of `d`. */
function weekOf(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return localDate(monday);
}

export function pruneBackups(databaseFile: string, policy: BackupPolicy): string[] {
  const doomed = backupsToPrune(listBackups(databaseFile), policy);
  for (const b of doomed) fs.rmSync(path.join(backupDirOf(databaseFile), b.name), { force: true });
  return doomed.map((b) => b.name);
}

/** Is an automatic backup due? At start-up always; while running, after a day without one. */
export function autoBackupDue(databaseFile: string, now: Date, atStartUp: boolean): boolean {
  if (atStartUp) return true;
  const newest = listBackups(databaseFile).find((b) => b.kind === 'auto');
  return !newest || now.getTime() - new Date(newest.at).getTime() >= 24 * 60 * 60 * 1000;
}

/**
 * Has the ledger changed since this backup of it was taken? Not when the backup is of the
 * same ledger (its identity) at the same schema (its migrations), and the ledger's audit
 * chain holds the backup's last entry at the same place with the same hash — the chain makes
 * that the same history — followed by nothing but entries about backups. Every change to the
 * ledger's records writes an audit entry, so an unchanged ledger needs no new copy: at
 * province scale each copy is over a gigabyte and a quarter of a minute. Any doubt (an older
 * backup without an identity, a file that cannot be read) counts as changed.
 */
export async function unchangedSince(db: Db, backupFile: string): Promise<boolean> {
  type Mark = { identity: string | null; migrations: number; seq: number | null; hash: string | null };
  const markSql = `SELECT (SELECT id FROM ledger_identity LIMIT 1) AS identity,
    (SELECT COUNT(*) FROM knex_migrations) AS migrations,
    (SELECT MAX(seq) FROM audit_log) AS seq`;
  let backup: Mark;
  try {
    const raw = await openRaw(backupFile, sqlite3.OPEN_READONLY);
    try {
      const [mark] = await all<Omit<Mark, 'hash'>>(raw, markSql);
      const [last] = await all<{ hash: string | null }>(raw, 'SELECT hash FROM audit_log WHERE seq = ?', [mark?.seq ?? null]);
      backup = { ...mark!, hash: last?.hash ?? null };
    } finally {
      await closeRaw(raw);
    }
  } catch {
    return false;
  }
  if (!backup.identity || backup.seq === null || !backup.hash) return false;
  const [live] = (await db.raw(markSql)) as Omit<Mark, 'hash'>[];
  if (live?.identity !== backup.identity || Number(live.migrations) !== Number(backup.migrations)) return false;
  const same = (await db('audit_log').where({ seq: backup.seq, hash: backup.hash }).first('seq')) as unknown;
  if (!same) return false;
  const since = (await db('audit_log').where('seq', '>', backup.seq).whereNot('entity', 'backups').first('seq')) as unknown;
  return !since;
}

/** A file's SHA-256, read in chunks (a province's ledger is over a gigabyte). */
export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Checks a candidate file and prepares it for the swap: a copy beside the database with
 * its attachments unpacked into the data folder and the backup_files table gone.
 * Throws an `invalid` with the reason when the file cannot be restored; nothing changes then.
 */
export async function prepareRestore(candidate: string, databaseFile: string, dataDir: string, work: Work = {}): Promise<string> {
  work.progress?.({ phase: '检查备份文件', done: 0, total: 1 });
  const incoming = `${databaseFile}.incoming-${randomUUID()}`;
  fs.copyFileSync(candidate, incoming);
  try {
    const check = await checkBackupFile(incoming, migrations);
    if (check.problem) throw invalid(`无法恢复：${check.problem}。当前数据没有任何改动。`);
    if (check.hasFiles) {
      const db = await openRaw(incoming, sqlite3.OPEN_READWRITE);
      try {
        const rows = await all<{ sha256: string }>(db, 'SELECT sha256 FROM backup_files');
        for (const [i, { sha256 }] of rows.entries()) {
          if (work.signal?.aborted) throw cancelled();
          const target = attachmentPath(dataDir, sha256);
          if (!fs.existsSync(target)) {
            const [row] = await all<{ bytes: Buffer }>(db, 'SELECT bytes FROM backup_files WHERE sha256 = ?', [sha256]);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            const part = `${target}.${process.pid}.tmp`;
            fs.writeFileSync(part, row!.bytes);
            fs.renameSync(part, target);
          }
          if (i % 20 === 0 || i === rows.length - 1) work.progress?.({ phase: '恢复附件', done: i + 1, total: rows.length });
        }
        await run(db, 'DROP TABLE backup_files');
      } finally {
        await closeRaw(db);
      }
    }
    return incoming;
  } catch (e) {
    fs.rmSync(incoming, { force: true });
    throw e;
  }
}

/** Moves a prepared file into the database's place; the database must be closed. */
export function swapIn(prepared: string, databaseFile: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.renameSync(prepared, databaseFile);
}

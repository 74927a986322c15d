// Backup files of a SQLite ledger: where they live, how they are named, and how one is
// taken and checked. A backup is one SQLite file made by VACUUM INTO (a consistent
// snapshot of a live database, never a plain file copy); a full backup also carries the
// attachment files in a `backup_files` table, so one file restores everything.
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { MigrationList } from './migrations';

export const backupKinds = { auto: '自动备份', manual: '手动备份', migration: '升级前备份', restore: '恢复前备份', merge: '合并前备份' } as const;
export type BackupKind = keyof typeof backupKinds;

/** Backups sit in the data folder beside the database. */
export function backupDirOf(databaseFile: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'backups');
}

/** ledger-20261122T101500123Z-auto.sqlite: the UTC time it was taken, and why. */
export function backupName(at: Date, kind: BackupKind): string {
  return `ledger-${at.toISOString().replace(/[-:.]/g, '')}-${kind}.sqlite`;
}

export function parseBackupName(name: string): { at: Date; kind: BackupKind } | null {
  const m = /^ledger-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-(auto|manual|migration|restore|merge)\.sqlite$/.exec(name);
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(at.getTime()) ? null : { at, kind: m[8] as BackupKind };
}

/** A raw sqlite3 handle, for the work knex does not expose (interrupt, read-only opens). */
export function openRaw(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

export function run(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
}

export function all<T = Record<string, unknown>>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}

export function closeRaw(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}

/**
 * Writes a consistent snapshot of the live database `source` to `target` with VACUUM INTO,
 * on a connection of its own (WAL lets it read while the app keeps writing). Aborting the
 * signal interrupts SQLite; the half-written target is removed.
 */
export async function snapshotDatabase(source: string, target: string, signal?: AbortSignal): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { force: true });
  const db = await openRaw(source, sqlite3.OPEN_READONLY);
  const onAbort = () => db.interrupt();
  signal?.addEventListener('abort', onAbort);
  try {
    await run(db, 'PRAGMA busy_timeout = 5000');
    if (signal?.aborted) throw new BackupCancelled();
    await run(db, 'VACUUM INTO ?', [target]);
    if (signal?.aborted) throw new BackupCancelled();
  } catch (e) {
    fs.rmSync(target, { force: true });
    if (signal?.aborted) throw new BackupCancelled();
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await closeRaw(db);
  }
}

export class BackupCancelled extends Error {
  constructor() {
    super('操作已取消');
  }
}

/**
 * Why a file cannot be restored, in the clerk's words; null when it can. Opens the file
 * read-write (the FTS5 part of integrity_check needs it), so pass a copy.
 */
export async function checkBackupFile(
  file: string,
  known: MigrationList,
): Promise<{ problem: string | null; migrations: string[]; hasFiles: boolean }> {
  const header = Buffer.alloc(16);
  try {
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
  } catch {
    return { problem: '无法读取备份文件', migrations: [], hasFiles: false };
  }
  if (header.toString('latin1') !== 'SQLite format 3\0') {
    return { problem: '这不是台账备份文件（不是 SQLite 数据库）', migrations: [], hasFiles: false };
  }
  let db: sqlite3.Database;
  try {
    db = await openRaw(file, sqlite3.OPEN_READWRITE);
  } catch {
    return { problem: '备份文件无法打开，可能已损坏', migrations: [], hasFiles: false };
  }
  try {
    let integrity: { integrity_check: string }[];
    try {
      integrity = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check');
    } catch {
      return { problem: '备份文件已损坏（完整性检查无法完成）', migrations: [], hasFiles: false };
    }
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
      return { problem: '备份文件已损坏（完整性检查未通过）', migrations: [], hasFiles: false };
    }
    const tables = (await all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name);
    if (!tables.includes('knex_migrations') || !tables.includes('audit_log') || !tables.includes('settings')) {
      return { problem: '这不是台账备份文件（缺少台账的数据表）', migrations: [], hasFiles: false };
    }
    const migrations = (await all<{ name: string }>(db, 'SELECT name FROM knex_migrations ORDER BY id')).map((m) => m.name);
    const knownNames = new Set(known.map(([n]) => n));
    const unknown = migrations.filter((m) => !knownNames.has(m));
    if (unknown.length > 0) {
      return { problem: '此备份由更新版本的台账程序生成，请先升级本程序再恢复', migrations, hasFiles: false };
    }
    return { problem: null, migrations, hasFiles: tables.includes('backup_files') };
  } finally {
    await closeRaw(db);
  }
}

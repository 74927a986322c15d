// Package files on disk: written to a temporary file and renamed when whole; checked before
// anything reads them — a SQLite file that passes integrity_check, from this app's schema
// and package format, with a complete manifest whose seal matches its content. Checks run
// on a private copy, so the file handed in is never touched.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { invalid } from '../../api/errors';
import { all, closeRaw, openRaw, run } from '../../../db/backup-files';
import { openDatabase, type Db } from '../../../db/connection';
import { migrations } from '../../../db/migrations';
import { packageChecksum, packageFormatVersion, readManifest, type Manifest } from '../../../db/audit-package/package-tables';

export const refusals = {
  notSqlite: '这不是督导包文件（不是台账的 SQLite 数据库）',
  damaged: '督导包文件已损坏或没有写完整（完整性检查未通过），请重新导出',
  incomplete: '督导包不完整：缺少清单或清单未写完（导出或拷贝时可能中断），请重新导出',
  newer: '此督导包由更新版本的台账程序生成，请先升级本程序再打开或合并',
  tampered: '督导包的校验值不符：文件在台账程序之外被改动过，不能使用',
  foreign: '此督导包不是从本台账数据库导出的（来自另一个数据库），不能合并',
  notPackage: '这是台账数据库或备份，不是督导包',
};

export interface CheckedPackage {
  db: Db;
  manifest: Manifest;
  /** Closes the copy and removes it. */
  dispose(): Promise<void>;
}

/** A private copy of a package, checked; throws an `invalid` with the reason in Chinese. */
export async function openCheckedPackage(file: string, workDir = os.tmpdir()): Promise<CheckedPackage> {
  fs.mkdirSync(workDir, { recursive: true });
  const copy = path.join(workDir, `.package-check-${randomUUID()}.sqlite`);
  fs.copyFileSync(file, copy);
  const cleanup = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${copy}${suffix}`, { force: true });
  };
  let db: Db | null = null;
  try {
    await rawChecks(copy);
    db = await openDatabase(copy);
    const manifest = await readManifest(db);
    if (!manifest || !manifest.complete || !manifest.checksum) throw invalid(refusals.incomplete);
    if (manifest.formatVersion > packageFormatVersion) throw invalid(refusals.newer);
    if ((await packageChecksum(db)) !== manifest.checksum) throw invalid(refusals.tampered);
    const opened = db;
    return {
      db: opened,
      manifest,
      async dispose() {
        await opened.destroy();
        cleanup();
      },
    };
  } catch (e) {
    await db?.destroy();
    cleanup();
    throw e;
  }
}

async function rawChecks(file: string): Promise<void> {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  const read = fs.readSync(fd, header, 0, 16, 0);
  fs.closeSync(fd);
  if (read < 16 || header.toString('latin1') !== 'SQLite format 3\0') throw invalid(refusals.notSqlite);
  let db: sqlite3.Database;
  try {
    db = await openRaw(file, sqlite3.OPEN_READWRITE);
  } catch {
    throw invalid(refusals.damaged);
  }
  try {
    let integrity: { integrity_check: string }[];
    try {
      integrity = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check');
    } catch {
      throw invalid(refusals.damaged);
    }
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') throw invalid(refusals.damaged);
    const tables = new Set((await all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name));
    if (!tables.has('knex_migrations') || !tables.has('audit_log')) throw invalid(refusals.notSqlite);
    const known = new Set(migrations.map(([n]) => n));
    const done = (await all<{ name: string }>(db, 'SELECT name FROM knex_migrations')).map((m) => m.name);
    if (done.some((m) => !known.has(m))) throw invalid(refusals.newer);
    if (!tables.has('package_manifest')) throw invalid(refusals.notPackage);
    const [row] = await all<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM package_manifest');
    if (!row || row.n !== 1) throw invalid(row?.n === 0 ? refusals.incomplete : refusals.damaged);
  } finally {
    await closeRaw(db);
  }
}

/** Writes `fill` into a fresh ledger at a temporary path and renames it to `out` when whole. */
export async function writeWhole(out: string, fill: (db: Db) => Promise<void>): Promise<void> {
  const dir = path.dirname(path.resolve(out));
  fs.mkdirSync(dir, { recursive: true });
  const part = path.join(dir, `.${path.basename(out)}.${randomUUID()}.part`);
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${part}${suffix}`, { force: true });
  };
  try {
    const db = await openDatabase(part, { create: true });
    try {
      await fill(db);
      // One self-contained file to carry: no WAL beside it.
      await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      await db.raw('PRAGMA journal_mode = DELETE');
    } finally {
      await db.destroy();
    }
    fs.renameSync(part, out);
  } catch (e) {
    remove();
    throw e;
  } finally {
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${part}${suffix}`, { force: true });
  }
}

/**
 * A consistent single-file copy of an open package (VACUUM INTO), with the attachment
 * files its records refer to that it does not carry yet (added on the laptop).
 */
export async function snapshotPackage(source: string, target: string, readFile: (sha256: string) => Buffer | null): Promise<void> {
  fs.rmSync(target, { force: true });
  const src = await openRaw(source, sqlite3.OPEN_READONLY);
  try {
    await run(src, 'VACUUM INTO ?', [target]);
  } finally {
    await closeRaw(src);
  }
  const db = await openRaw(target, sqlite3.OPEN_READWRITE);
  try {
    const missing = await all<{ sha256: string }>(
      db,
      'SELECT DISTINCT sha256 FROM attachments WHERE sha256 NOT IN (SELECT sha256 FROM package_files)',
    );
    await run(db, 'BEGIN');
    for (const { sha256 } of missing) {
      const bytes = readFile(sha256);
      if (bytes) await run(db, 'INSERT INTO package_files (sha256, bytes) VALUES (?, ?)', [sha256, bytes]);
    }
    await run(db, 'COMMIT');
  } finally {
    await closeRaw(db);
  }
}

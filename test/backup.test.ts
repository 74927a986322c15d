// 备份与恢复 (issue 7): backups are consistent snapshots even while another writer keeps
// committing, carry the attachments, are pruned by the policy in 设置, and a restore checks
// the file first (refusing a damaged one or one from a newer app with nothing changed),
// saves the current data so it can be undone, and swaps the database under the running app.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../electron/api/backups';
import type { Reply } from '../electron/api/common';
import type { Args, Method, Output } from '../electron/api/contract';
import { dispatch } from '../electron/api/dispatch';
import { handlers } from '../electron/handlers';
import { autoBackup } from '../electron/handlers/backups-handlers';
import { makeContext, openLedger, type OpenLedger } from '../electron/main/runtime';
import { backupsToPrune } from '../electron/services/backup';
import { all, closeRaw, openRaw } from '../db/backup-files';
import { openDatabase } from '../db/connection';
import { migrations } from '../db/migrations';
import sqlite3 from 'sqlite3';

interface World {
  dir: string;
  file: string;
  ledger: OpenLedger;
  clock: { now(): Date; set(iso: string): void };
  call<M extends Method>(method: M, args: Args<M>): Promise<Output<M>>;
  reply<M extends Method>(method: M, args: unknown): Promise<Reply<Output<M>>>;
  county(name: string): Promise<string>;
}

let w: World;
beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-backup-'));
  const file = path.join(dir, 'ledger.sqlite');
  const ledger = await openLedger(file, { create: true });
  let now = new Date('2026-11-22T10:00:00');
  const clock = { now: () => now, set: (iso: string) => (now = new Date(iso)) };
  const errors: unknown[] = [];
  const ctx = () => makeContext(ledger.db, dir, { error: (e) => errors.push(e), info: () => undefined }, clock, ledger);
  const reply = async <M extends Method>(method: M, args: unknown) => (await dispatch(handlers, method, args, ctx())) as Reply<Output<M>>;
  w = {
    dir,
    file,
    ledger,
    clock,
    reply,
    async call(method, args) {
      const r = await reply(method, args);
      if (!r.ok) throw new Error(`${r.code}: ${r.message}${errors.length ? ` (logged: ${String(errors[0])})` : ''}`);
      return r.value;
    },
    async county(name) {
      const counties = await w.call('regions.list', { level: 'county', pageSize: 100 });
      return counties.rows.find((r) => r.name === name)!.id;
    },
  };
  await w.call('regions.setHome', { code: '6103' });
  await w.call('settings.update', { operatorName: '王科员' });
});
afterEach(async () => {
  await w.ledger.close();
  fs.rmSync(w.dir, { recursive: true, force: true });
});

const school = async (name: string) => w.call('schools.create', { name, regionId: await w.county('渭滨区'), stage: 'primary' });
const schoolNames = async () => (await w.call('schools.list', { pageSize: 100, sortBy: 'name' })).rows.map((s) => s.name).sort();
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function query<T>(file: string, sql: string): Promise<T[]> {
  // Read-write: the FTS5 part of integrity_check needs it.
  const db = await openRaw(file, sqlite3.OPEN_READWRITE);
  try {
    return await all<T>(db, sql);
  } finally {
    await closeRaw(db);
  }
}

describe('a backup', () => {
  it('is a consistent snapshot while another writer keeps committing', async () => {
    await school('清姜路小学');
    // The app keeps committing pairs of rows on its own connection while the backup reads on
    // one of its own (the single-process data lock keeps other processes out).
    const writer = w.ledger.db;
    await writer.schema.createTable('load_pairs', (t) => {
      t.integer('n');
    });
    let stop = false;
    let committed = 0;
    const load = (async () => {
      while (!stop) {
        await writer.transaction(async (trx) => {
          await trx('load_pairs').insert([{ n: committed }, { n: committed }]);
        });
        committed++;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    try {
      while (committed < 20) await new Promise((r) => setTimeout(r, 5));
      const backups: BackupInfo[] = [];
      for (let i = 0; i < 3; i++) {
        w.clock.set(`2026-11-22T10:00:0${i}`);
        backups.push(await w.call('backups.create', {}));
      }
      stop = true;
      await load;
      expect(committed).toBeGreaterThan(20);
      for (const b of backups) {
        const copy = path.join(w.dir, 'backups', b.name);
        expect(await query(copy, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        const [{ rows, pairs, top }] = (await query<{ rows: number; pairs: number; top: number }>(
          copy,
          'SELECT COUNT(*) AS rows, COUNT(DISTINCT n) AS pairs, MAX(n) AS top FROM load_pairs',
        )) as [{ rows: number; pairs: number; top: number }];
        // Whole transactions only, and every one up to the snapshot's point.
        expect(rows).toBe(pairs * 2);
        expect(top).toBe(pairs - 1);
        expect(await query(copy, 'SELECT name FROM schools')).toEqual([{ name: '清姜路小学' }]);
      }
    } finally {
      stop = true;
      await load;
    }
  });

  it('carries the attachments, and a restore brings back a lost attachment file', async () => {
    const bytes = Buffer.from('签到表扫描件');
    const attachment = await w.call('attachments.upload', { name: '签到表.pdf', mime: 'application/pdf', dataBase64: bytes.toString('base64') });
    const backup = await w.call('backups.create', {});
    expect(backup).toMatchObject({ kind: 'manual', kindLabel: '手动备份' });
    fs.rmSync(path.join(w.dir, 'attachments'), { recursive: true });
    await w.call('backups.restore', { name: backup.name });
    const back = await w.call('attachments.get', { id: attachment.id });
    expect(Buffer.from(back.dataBase64, 'base64').toString()).toBe('签到表扫描件');
    // The live database does not keep the backup's file table.
    expect(await w.ledger.db.schema.hasTable('backup_files')).toBe(false);
  });

  it('is written to the audit log, and listed with its time, kind and size', async () => {
    const backup = await w.call('backups.create', {});
    const status = await w.call('backups.status', {});
    expect(status).toMatchObject({ available: true, networkWarning: null, policy: { autoBackup: true, keepDaily: 7, keepWeekly: 4 } });
    expect(status.backups).toEqual([backup]);
    expect(backup.size).toBeGreaterThan(0);
    const row = await w.ledger.db('audit_log').where({ action: 'backup' }).first();
    expect(row).toMatchObject({ entity: 'backups', operator: '王科员', outcome: 'success' });
    expect(JSON.parse(row.after)).toMatchObject({ file: backup.name, kind: '手动备份' });
    const download = await w.call('backups.download', { name: backup.name });
    expect(download.fileName).toBe('台账备份-2026-11-22-100000.sqlite');
    expect(Buffer.from(download.dataBase64, 'base64').subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('is taken automatically at start-up and after a day, not on an empty ledger, and not when switched off', async () => {
    const ctx = () => makeContext(w.ledger.db, w.dir, { error: () => undefined, info: () => undefined }, w.clock, w.ledger);
    expect(await autoBackup(ctx(), true)).toBeNull(); // nothing but regions and settings yet
    await school('清姜路小学');
    expect(await autoBackup(ctx(), true)).toMatchObject({ kind: 'auto' });
    w.clock.set('2026-11-22T20:00:00');
    expect(await autoBackup(ctx(), false)).toBeNull();
    await school('经二路小学');
    w.clock.set('2026-11-23T10:00:00');
    expect(await autoBackup(ctx(), false)).toMatchObject({ kind: 'auto' });
    await w.call('settings.update', { backup: { autoBackup: false, keepDaily: 7, keepWeekly: 4 } });
    expect(await autoBackup(ctx(), true)).toBeNull();
    expect((await w.call('backups.status', {})).backups.map((b) => b.kind)).toEqual(['auto', 'auto']);
  });

  it('is not taken again while nothing has changed since the newest backup', async () => {
    const ctx = () => makeContext(w.ledger.db, w.dir, { error: () => undefined, info: () => undefined }, w.clock, w.ledger);
    await school('清姜路小学');
    expect(await autoBackup(ctx(), true)).toMatchObject({ kind: 'auto' });
    // Started again, and again a day later: the ledger is as the backup holds it.
    w.clock.set('2026-11-22T10:30:00');
    expect(await autoBackup(ctx(), true)).toBeNull();
    w.clock.set('2026-11-23T11:00:00');
    expect(await autoBackup(ctx(), false)).toBeNull();
    // A manual backup counts as the newest copy too.
    await w.call('backups.create', {});
    w.clock.set('2026-11-23T11:30:00');
    expect(await autoBackup(ctx(), true)).toBeNull();
    // One change, and the next start backs up.
    await school('经二路小学');
    w.clock.set('2026-11-23T12:00:00');
    expect(await autoBackup(ctx(), true)).toMatchObject({ kind: 'auto' });
    expect((await w.call('backups.status', {})).backups.map((b) => b.kind)).toEqual(['auto', 'manual', 'auto']);
  });

  it('counts a backup that cannot be read, or of another ledger, as out of date', async () => {
    const ctx = () => makeContext(w.ledger.db, w.dir, { error: () => undefined, info: () => undefined }, w.clock, w.ledger);
    await school('清姜路小学');
    const first = (await autoBackup(ctx(), true))!;
    const status = await w.call('backups.status', {});
    const file = path.join(status.backupDir!, first.name);
    fs.writeFileSync(file, 'not a ledger');
    w.clock.set('2026-11-22T10:30:00');
    expect(await autoBackup(ctx(), true)).toMatchObject({ kind: 'auto' });
  });
});

describe('retention', () => {
  const info = (at: string, kind: BackupInfo['kind'] = 'auto'): BackupInfo => ({
    name: `${at}-${kind}`,
    kind,
    kindLabel: '',
    at: new Date(at).toISOString(),
    size: 1,
  });

  it('keeps the newest of each of the last 7 days and 4 weeks, and every manual and pre-restore backup', () => {
    // Two a day over five weeks, Monday 2026-10-19 to Sunday 2026-11-22, and two manual ones.
    const all: BackupInfo[] = [];
    for (let d = 0; d < 35; d++) {
      const day = new Date(2026, 9, 19 + d);
      const iso = (h: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), h).toISOString();
      all.push(info(iso(9)), info(iso(17)));
    }
    all.push(info('2026-10-01T10:00:00', 'manual'), info('2026-10-02T10:00:00', 'manual'), info('2026-10-03T10:00:00', 'restore'));
    const doomed = new Set(backupsToPrune(all, { autoBackup: true, keepDaily: 7, keepWeekly: 4 }).map((b) => b.name));
    const kept = all.filter((b) => !doomed.has(b.name));
    const local = (b: BackupInfo) => {
      const d = new Date(b.at);
      return `${d.getMonth() + 1}-${d.getDate()} ${d.getHours()}${b.kind === 'auto' ? '' : ` ${b.kind}`}`;
    };
    expect(kept.map(local).sort()).toEqual(
      [
        // The last seven days, the evening backup of each.
        '11-16 17', '11-17 17', '11-18 17', '11-19 17', '11-20 17', '11-21 17', '11-22 17',
        // The newest of each of the three weeks before (this week's is 11-22 already).
        '11-8 17', '11-15 17', '11-1 17',
        '10-1 10 manual', '10-2 10 manual', '10-3 10 restore',
      ].sort(),
    );
  });

  it('prunes the files after a backup', async () => {
    await school('清姜路小学');
    await w.call('settings.update', { backup: { autoBackup: true, keepDaily: 2, keepWeekly: 0 } });
    const ctx = () => makeContext(w.ledger.db, w.dir, { error: () => undefined, info: () => undefined }, w.clock, w.ledger);
    for (const day of ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21']) {
      w.clock.set(`${day}T10:00:00`);
      await school(`${day.slice(-2)}日新建小学`); // a change each day: an unchanged ledger is not copied again
      await autoBackup(ctx(), true);
    }
    await w.call('backups.create', {});
    const left = (await w.call('backups.status', {})).backups.map((b) => `${new Date(b.at).getDate()} ${b.kind}`);
    expect(left.sort()).toEqual(['20 auto', '21 auto', '21 manual']);
  });
});

describe('restoring', () => {
  it('brings back the backed-up data, saves the current data first, and can be undone', async () => {
    await school('清姜路小学');
    const backup = await w.call('backups.create', {});
    await school('经二路小学');
    w.clock.set('2026-11-22T11:00:00');
    const result = await w.call('backups.restore', { name: backup.name });
    expect(await schoolNames()).toEqual(['清姜路小学']);
    expect(result).toMatchObject({ restoredFrom: backup.name, savedAs: { kind: 'restore', kindLabel: '恢复前备份' } });
    const row = await w.ledger.db('audit_log').where({ action: 'restoreBackup' }).first();
    expect(JSON.parse(row.after)).toMatchObject({ from: backup.name, sha256: sha(path.join(w.dir, 'backups', backup.name)) });
    expect(await w.call('auditLog.verify', {})).toMatchObject({ ok: true });

    // Undo: restore what was saved just before.
    w.clock.set('2026-11-22T12:00:00');
    await w.call('backups.restore', { name: result.savedAs.name });
    expect(await schoolNames()).toEqual(['清姜路小学', '经二路小学']);
    expect(await w.call('auditLog.verify', {})).toMatchObject({ ok: true });
  });

  it('accepts a backup from an older version of the app and brings it up to date', async () => {
    const old = path.join(w.dir, 'old.sqlite');
    const db = await openDatabase(old, { create: true, migrations: migrations.filter(([n]) => n < '011') });
    await db('settings').insert({ key: 'reportingUnit', value: JSON.stringify('旧版本的教育局'), updated_at: '2025-01-01' });
    await db('audit_log').insert({ id: '00000000-0000-4000-8000-000000000001', at: '2025-01-01T00:00:00.000Z', operator: '旧', entity: 'settings', record_id: 'settings', action: 'update' });
    await db.destroy();
    await w.call('backups.restore', { fileName: '旧备份.sqlite', dataBase64: fs.readFileSync(old).toString('base64') });
    expect((await w.call('settings.get', {})).reportingUnit).toBe('旧版本的教育局');
    expect(await w.call('auditLog.verify', {})).toEqual({ ok: true, checked: 2, firstBroken: null });
  });

  it('restores from an uploaded backup file', async () => {
    await school('清姜路小学');
    const download = await w.call('backups.download', {});
    await school('经二路小学');
    await w.call('backups.restore', { fileName: download.fileName, dataBase64: download.dataBase64 });
    expect(await schoolNames()).toEqual(['清姜路小学']);
  });

  async function refusedWithNothingChanged(args: unknown): Promise<string> {
    await school('清姜路小学');
    const before = { names: await schoolNames(), backups: (await w.call('backups.status', {})).backups.length };
    const reply = await w.reply('backups.restore', args);
    expect(reply.ok).toBe(false);
    expect({ names: await schoolNames(), backups: (await w.call('backups.status', {})).backups.length }).toEqual(before);
    expect(fs.readdirSync(w.dir).filter((f) => f.includes('incoming'))).toEqual([]);
    return reply.ok ? '' : reply.message;
  }

  it('refuses a file that is not a ledger backup', async () => {
    const message = await refusedWithNothingChanged({ fileName: '备份.sqlite', dataBase64: Buffer.from('不是数据库').toString('base64') });
    expect(message).toBe('无法恢复：这不是台账备份文件（不是 SQLite 数据库）。当前数据没有任何改动。');
  });

  it('refuses a damaged backup', async () => {
    const download = await w.call('backups.download', {});
    const bytes = Buffer.from(download.dataBase64, 'base64');
    // Scribble over the middle pages, keeping the header.
    for (let i = 4096; i < bytes.length - 4096; i += 7) bytes[i] = (bytes[i]! + 13) % 256;
    const message = await refusedWithNothingChanged({ fileName: download.fileName, dataBase64: bytes.toString('base64') });
    expect(message).toMatch(/^无法恢复：备份文件(已损坏|无法打开)/);
  });

  it('refuses a backup made by a newer version of the app', async () => {
    const backup = await w.call('backups.create', {});
    const file = path.join(w.dir, 'backups', backup.name);
    const db = await openRaw(file, sqlite3.OPEN_READWRITE);
    await new Promise<void>((resolve, reject) =>
      db.run("INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('099-future', 9, '2030-01-01')", (e) => (e ? reject(e) : resolve())),
    );
    await closeRaw(db);
    const message = await refusedWithNothingChanged({ name: backup.name });
    expect(message).toBe('无法恢复：此备份由更新版本的台账程序生成，请先升级本程序再恢复。当前数据没有任何改动。');
  });

  it('refuses a name that is not a listed backup', async () => {
    expect(await refusedWithNothingChanged({ name: '../ledger.sqlite' })).toBe('没有这个备份');
  });
});

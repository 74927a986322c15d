// Migrations and data safety (issue 7): a snapshot is taken before every migration of a
// ledger with data; a migration that fails puts it back and says so; a process killed in
// the middle of a migration leaves a ledger the next start migrates without repair; and a
// database from a newer app is refused and left untouched.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, MigrationFailedError, openDatabase } from '../db/connection';
import { migrations } from '../db/migrations';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-migrate-'));
  file = path.join(dir, 'ledger.sqlite');
  const db = await openDatabase(file, { create: true });
  await db('settings').insert({ key: 'reportingUnit', value: JSON.stringify('宝鸡市教育局'), updated_at: '2026-01-01' });
  await db.destroy();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const reportingUnit = async (db: Knex) => JSON.parse((await db('settings').where({ key: 'reportingUnit' }).first()).value);
const sha = () => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('migrating a ledger', () => {
  it('puts the pre-migration backup back when a migration fails, and tells the user', async () => {
    const broken = {
      async up(knex: Knex) {
        await knex.schema.createTable('half_done', (t) => t.integer('n'));
        await knex('settings').update({ value: JSON.stringify('被改坏的') });
        throw new Error('第 12 号升级出错');
      },
      async down() {},
    };
    const failure = openDatabase(file, { migrations: [...migrations, ['099-broken', broken]], now: () => new Date('2026-11-22T10:00:00Z') });
    await expect(failure).rejects.toBeInstanceOf(MigrationFailedError);
    await expect(failure).rejects.toThrow(/^数据库升级失败，已恢复为升级前的备份，数据没有损失。原因：.*第 12 号升级出错/);
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual(['ledger-20261122T100000000Z-migration.sqlite']);

    const db = await openDatabase(file);
    try {
      expect(await db.schema.hasTable('half_done')).toBe(false);
      expect(await reportingUnit(db)).toBe('宝鸡市教育局');
      expect(await db('knex_migrations').pluck('name')).toEqual(migrations.map(([n]) => n));
    } finally {
      await db.destroy();
    }
  });

  it('migrates on the next start, without repair, after the process was killed mid-migration', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'migrate-and-hang.ts'), file], {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('migrating') && resolve());
      child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const db = await openDatabase(file);
    try {
      expect(await db.raw('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await db.schema.hasTable('half_done')).toBe(false);
      expect(await db('knex_migrations_lock').pluck('is_locked')).toEqual([0]);
      expect(await reportingUnit(db)).toBe('宝鸡市教育局');
    } finally {
      await db.destroy();
    }
  }, 30_000);

  it('refuses a database a newer version of the app has migrated, and leaves it untouched', async () => {
    const db = await openDatabase(file);
    await db('knex_migrations').insert({ name: '099-from-the-future', batch: 9, migration_time: new Date() });
    await db.destroy();
    const before = sha();
    const opening = openDatabase(file);
    await expect(opening).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(opening).rejects.toThrow('此数据库由更新版本的台账程序创建，本程序无法打开。请安装最新版本后再打开；数据库未做任何改动');
    expect(sha()).toBe(before);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});

describe('npm run ledger -- backup / restore', () => {
  const root = path.resolve(__dirname, '..');
  const cli = (...args: string[]) => {
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['electron/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('backs up to a file and restores from it, keeping the data from before the restore', async () => {
    const copy = path.join(dir, '交给信息科的备份.sqlite');
    expect(cli('backup', '--db', file, '--out', copy)).toMatchObject({ code: 0, out: expect.stringContaining(`已备份到：${copy}`) });
    const db = await openDatabase(file);
    await db('settings').where({ key: 'reportingUnit' }).del();
    await db.destroy();
    const restored = cli('restore', '--db', file, '--from', copy, '--json');
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.out)).toMatchObject({ restoredFrom: '交给信息科的备份.sqlite', savedAs: { kind: 'restore' } });
    const after = await openDatabase(file);
    try {
      expect(await reportingUnit(after)).toBe('宝鸡市教育局');
    } finally {
      await after.destroy();
    }
    fs.writeFileSync(path.join(dir, 'bad.sqlite'), '不是备份');
    expect(cli('restore', '--db', file, '--from', path.join(dir, 'bad.sqlite'))).toMatchObject({
      code: 1,
      err: '错误：无法恢复：这不是台账备份文件（不是 SQLite 数据库）。当前数据没有任何改动。\n',
    });
  }, 60_000);
});

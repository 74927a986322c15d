// Moving an office onto the server and back: a county sample ledger copied SQLite →
// PostgreSQL → SQLite arrives with the same row count and the same checksum in every
// table, its audit chain still verifies and its search still finds; a target that holds
// records is refused in Chinese and left as it was. Runs in the postgres project.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../db/audit-chain';
import { openDatabase, type Db } from '../db/connection';
import { searchMatches } from '../db/search';
import { copyLedger, copyTables, ledgerChecksums } from '../electron/services/copy';
import { loadSampleData } from '../electron/services/sample-data';
import { freshPostgresDatabase } from './support/test-database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-copy-'));
const clock = { now: () => new Date(2026, 10, 20, 10, 0, 0) };
const opened: Db[] = [];
const drops: (() => Promise<void>)[] = [];
const open = async (target: string) => {
  const db = await openDatabase(target, { create: true });
  opened.push(db);
  return db;
};
const emptyServerDatabase = async () => {
  const pg = await freshPostgresDatabase({ migrated: false });
  drops.push(pg.drop);
  return pg.url;
};

let original: Db;
let before: Awaited<ReturnType<typeof ledgerChecksums>>;

beforeAll(async () => {
  original = await open(path.join(dir, 'county.sqlite'));
  await loadSampleData(original, { scale: 'county', seed: 5 }, { clock });
  before = await ledgerChecksums(original);
}, 120_000);

afterAll(async () => {
  for (const db of opened) await db.destroy();
  for (const drop of drops) await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('copying a ledger between SQLite and PostgreSQL', () => {
  it('round-trips a county ledger SQLite → PostgreSQL → SQLite with the same rows and checksums in every table', async () => {
    const lines: string[] = [];
    const server = await open(await emptyServerDatabase());
    const there = await copyLedger(original, server, { progress: (l) => lines.push(l) });
    const back = await open(path.join(dir, 'back.sqlite'));
    const again = await copyLedger(server, back);

    expect(there.tables.map((t) => t.table)).toEqual(copyTables.map((t) => t.name));
    for (const result of [there, again]) {
      for (const t of result.tables) {
        const expected = before.find((b) => b.table === t.table)!;
        expect([t.table, t.targetRows, t.targetChecksum]).toEqual([t.table, expected.rows, expected.checksum]);
      }
    }
    expect(await ledgerChecksums(back)).toEqual(before);
    expect(await ledgerChecksums(server)).toEqual(before);
    // A real ledger: thousands of activities, evaluations with scores, an audit log.
    const rows = Object.fromEntries(before.map((b) => [b.table, b.rows]));
    expect(rows.activities).toBeGreaterThan(1000);
    expect(rows.evaluation_scores).toBeGreaterThan(100);
    expect(rows.audit_log).toBeGreaterThan(0);
    expect(rows.search_entries).toBe(rows.activities);
    expect(lines).toContain(`复制 activities：共 ${rows.activities} 行`);
    expect(lines.some((l) => /^复制 activities：\d+ 行完成/.test(l))).toBe(true);

    // The audit chain verifies on each engine; the search index answers alike.
    for (const db of [server, back]) expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: rows.audit_log });
    const found = async (db: Db) => ((await db('activities').whereIn('id', searchMatches(db, 'activities', '同课异构')!).pluck('id')) as string[]).sort();
    const expected = await found(original);
    expect(expected.length).toBeGreaterThan(0);
    expect(await found(server)).toEqual(expected);
    expect(await found(back)).toEqual(expected);
    // New rows on the server take search keys after the copied ones.
    const [{ n }] = (await server.raw("SELECT nextval(pg_get_serial_sequence('search_entries', 'id')) AS n")).rows;
    expect(Number(n)).toBe(rows.search_entries! + 1);
  }, 180_000);

  it('refuses a target that holds records, in Chinese, and leaves it as it was', async () => {
    const url = await emptyServerDatabase();
    const target = await open(url);
    await target('settings').insert({ key: 'operatorName', value: '"王科员"', updated_at: '2026-11-20T10:00:00.000Z' });
    await expect(copyLedger(original, target)).rejects.toThrow('目标数据库已有数据（settings 表有 1 条记录），只能复制到空数据库');
    expect(await target('regions').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('fails a copy whose target does not hold what the source holds, and names the table', async () => {
    // SQLite keeps whatever number it is given; PostgreSQL's numeric(10,2) rounds 4.333 to 4.33.
    const local = await open(path.join(dir, 'odd.sqlite'));
    await copyLedger(original, local);
    const score = (await local('evaluation_scores').whereNotNull('score').orderBy('id').first('id')) as { id: string };
    await local('evaluation_scores').where({ id: score.id }).update({ score: 4.333 });
    const target = await open(await emptyServerDatabase());
    await expect(copyLedger(local, target)).rejects.toThrow('复制后核对不一致：evaluation_scores（校验和不一致）');
  }, 120_000);

  it('copies through the CLI and says so, and refuses the same target a second time', () => {
    const cli = (...args: string[]) => {
      try {
        return { code: 0, out: execFileSync('npx', ['tsx', 'electron/cli/main.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), err: '' };
      } catch (e) {
        const x = e as { status: number; stdout: string; stderr: string };
        return { code: x.status, out: x.stdout, err: x.stderr };
      }
    };
    return (async () => {
      const url = await emptyServerDatabase();
      const first = cli('copy', '--from', path.join(dir, 'county.sqlite'), '--to', url);
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/^复制完成：\d+ 行/);
      expect(first.out).toMatch(/activities\s+\d+ 行\s+[0-9a-f]{16}\s+一致/);
      const second = cli('copy', '--from', path.join(dir, 'county.sqlite'), '--to', url);
      expect(second.code).toBe(1);
      expect(second.err).toContain('错误：目标数据库已有数据（regions 表有');
    })();
  }, 120_000);
});

// Crash safety of the largest import: a 50,000-row 交流活动 file is imported in a child
// process that is killed with SIGKILL at random moments — while it starts, reads, checks
// and writes. After every kill the ledger opens cleanly: SQLite's integrity_check says ok,
// no foreign key dangles, the audit chain verifies, and the import is either wholly there
// or wholly absent.
//   LEDGER_CRASH_ROUNDS=50 npx vitest run test/crash-import.test.ts   (default 5 rounds)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../db/audit-chain';
import { openDatabase } from '../db/connection';
import { makeAllianceWorld } from './support/alliance-world';

const rowsInFile = 50_000;
const rounds = Number(process.env.LEDGER_CRASH_ROUNDS ?? 5);
const child = path.join(__dirname, 'support', 'crash-import-child.ts');

let dir: string;
let pristine: string;
let xlsx: string;
let before: { activities: number; audit: number };

/** A seeded generator, so a failing round can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

async function writeActivityFile(out: string, n: number) {
  const alliances = [
    { name: '渭滨区城乡教育联盟', members: ['清姜路小学', '经二路小学', '虢镇小学'] },
    { name: '凤县山区学校联盟', members: ['凤州小学', '虢镇小学'] },
  ];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('交流活动');
  ws.addRow(['联盟名称', '活动日期', '活动类别', '活动主题', '承办学校', '参与学校', '参与人数', '是否校级领导互访', '活动成效']).commit();
  const rnd = prng(7);
  for (let i = 0; i < n; i++) {
    const a = alliances[i % 2]!;
    const host = a.members[0]!;
    ws.addRow([
      a.name,
      `2024-0${1 + Math.floor(rnd() * 5)}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
      ['教研交流', '党建', '教师交流', '学生活动'][Math.floor(rnd() * 4)],
      `同课异构交流活动第${i + 1}场`,
      host,
      a.members.slice(1).join('、'),
      10 + Math.floor(rnd() * 90),
      rnd() < 0.1 ? '是' : '否',
      rnd() < 0.5 ? '形成教学案例' : null,
    ]).commit();
  }
  await wb.commit();
}

interface Run {
  /** ms from spawn to the first written row, and to the commit; null when killed before. */
  writing: number | null;
  committed: number | null;
  killedAt: number | null;
  stderr: string;
  code: number | null;
}

/** Imports the file into `db` in a child process, killed with SIGKILL after `killAfter` ms. */
function runChild(db: string, killAfter: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, ['--import', 'tsx', child, db, xlsx], { cwd: path.join(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { writing: null, committed: null, killedAt: null, stderr: '', code: null };
    p.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.startsWith('writing')) run.writing = Date.now() - t0;
        if (line.startsWith('committed')) run.committed = Date.now() - t0;
      }
    });
    p.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
    const timer =
      killAfter === null
        ? null
        : setTimeout(() => {
            run.killedAt = Date.now() - t0;
            p.kill('SIGKILL');
          }, killAfter);
    p.on('error', reject);
    p.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      run.code = code;
      resolve(run);
    });
  });
}

async function inspect(file: string) {
  const db = await openDatabase(file);
  try {
    const integrity = (await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
    const dangling = (await db.raw('PRAGMA foreign_key_check')) as unknown[];
    const count = async (table: string) => Number(((await db(table).count({ n: '*' })) as [{ n: number }])[0].n);
    const chain = await verifyAuditChain(db);
    return {
      integrity: integrity.map((r) => r.integrity_check).join('; '),
      dangling: dangling.length,
      activities: await count('activities'),
      audit: await count('audit_log'),
      imports: Number(((await db('audit_log').where({ entity: 'imports' }).count({ n: '*' })) as [{ n: number }])[0].n),
      chain: chain.ok,
    };
  } finally {
    await db.destroy();
  }
}

function freshCopy(name: string): string {
  const target = path.join(dir, `${name}.sqlite`);
  fs.copyFileSync(pristine, target);
  return target;
}

let full: Run;

beforeAll(async () => {
  const world = await makeAllianceWorld({ today: '2024-06-01' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-crash-'));
  before = { activities: await world.rows('activities', true), audit: Number(((await world.db('audit_log').count({ n: '*' })) as [{ n: number }])[0].n) };
  await world.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  await world.db.destroy();
  pristine = path.join(dir, 'pristine.sqlite');
  fs.copyFileSync(world.file, pristine);
  fs.rmSync(world.dir, { recursive: true, force: true });
  xlsx = path.join(dir, '交流活动台账.xlsx');
  await writeActivityFile(xlsx, rowsInFile);
}, 60_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('killing a 50,000-row import', () => {
  it('imports the whole file when left alone (the timing the kills are spread over)', async () => {
    const file = freshCopy('full');
    full = await runChild(file, null);
    expect(full.stderr).toBe('');
    expect(full.committed).not.toBeNull();
    expect(full.writing).not.toBeNull();
    const after = await inspect(file);
    expect(after).toEqual({ integrity: 'ok', dangling: 0, activities: before.activities + rowsInFile, audit: after.audit, imports: 1, chain: true });
    console.info(`full import in a child: writing from ${full.writing} ms, committed at ${full.committed} ms`);
  }, 180_000);

  it(`leaves the ledger whole and the import all-or-nothing after ${rounds} random SIGKILLs`, async () => {
    expect(full?.committed).toBeTruthy();
    const rnd = prng(Number(process.env.LEDGER_CRASH_SEED ?? 20261123));
    const outcomes: string[] = [];
    let duringWrite = 0;
    for (let round = 0; round < rounds; round++) {
      // The first round kills inside the write phase; the rest anywhere from spawn to commit.
      const from = round === 0 ? full.writing! : 0;
      const to = full.committed!;
      const killAfter = Math.round(from + rnd() * (to - from));
      const file = freshCopy(`round-${round}`);
      const run = await runChild(file, killAfter);
      const after = await inspect(file);
      const wrote = after.activities - before.activities;
      const phase = run.committed !== null ? 'after commit' : run.writing !== null ? 'while writing' : 'before writing';
      if (phase === 'while writing') duringWrite++;
      outcomes.push(`round ${round + 1}: kill at ${killAfter} ms (${phase}) → ${wrote} rows`);
      expect(after.integrity, outcomes.at(-1)).toBe('ok');
      expect(after.dangling, outcomes.at(-1)).toBe(0);
      expect(after.chain, outcomes.at(-1)).toBe(true);
      expect([0, rowsInFile], outcomes.at(-1)).toContain(wrote);
      // The import's summary row is there exactly when its rows are.
      expect(after.imports, outcomes.at(-1)).toBe(wrote === 0 ? 0 : 1);
      if (wrote === 0) expect(after.audit, outcomes.at(-1)).toBe(before.audit);
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}-wal`, { force: true });
      fs.rmSync(`${file}-shm`, { force: true });
    }
    console.info(outcomes.join('\n'));
    expect(duringWrite).toBeGreaterThanOrEqual(1);
  }, 3_600_000);
});

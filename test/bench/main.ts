// `npm run bench`: the performance targets of issue 8, measured on a province-scale ledger.
// Each ratio compares the app with a plain baseline on the same data, the same machine and
// in the same run; every figure is the median of several repetitions. Prints a table and
// writes the same figures to test/artifacts/bench.json.
//
// Usage: npm run bench [-- --db LEDGER.sqlite] [--only export,import,list,search,dashboard,reminders,browser] [--reps N]
//   --db   copy this province ledger into the temporary folder instead of generating one
//          (the generator takes ~2 minutes; the given file itself is never written to)
//   --keep leave the temporary folder (and its ledger) in place
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Knex } from 'knex';
import { chromium } from 'playwright-core';
import type { Args, Method, Output } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { activityCategories } from '../../electron/api/enums';
import { termLabel, termOf, termRange } from '../../electron/api/terms';
import { handlers } from '../../electron/handlers';
import { makeContext } from '../../electron/main/runtime';
import { exportReport } from '../../electron/services/reports';
import { verifyAuditChain } from '../../db/audit-chain';
import { openDatabase, type Db } from '../../db/connection';
import { settingsRepository } from '../../db/repositories/settings-repository';
import { chromiumArgs, chromiumPath } from '../support/chromium';

const root = path.resolve(__dirname, '..', '..');
const artifacts = path.join(root, 'test', 'artifacts');
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const sections = new Set((option('only') ?? 'export,import,list,search,dashboard,reminders,browser').split(','));
const reps = Number(option('reps') ?? 5);

interface Figure {
  what: string;
  app: number | null;
  baseline: number | null;
  unit: 'ms' | 'MB';
  target: string;
  met: boolean | null;
  note?: string;
}
const figures: Figure[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// Each timed run starts from a collected heap, so that neither side of a ratio pays for
// the garbage the run before it left (the import file's writer, the other side's rows).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  collectGarbage();
  const t = performance.now();
  const value = await work();
  return [performance.now() - t, value];
}

function log(s: string) {
  process.stdout.write(`${s}\n`);
}

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

// ---------------------------------------------------------------------------------------
// The ledger

async function prepareLedger(dir: string): Promise<string> {
  const file = path.join(dir, 'ledger.sqlite');
  const given = option('db');
  if (given) {
    log(`copying ${given} …`);
    fs.copyFileSync(given, file);
    for (const ext of ['-wal', '-shm']) if (fs.existsSync(given + ext)) fs.copyFileSync(given + ext, file + ext);
    return file;
  }
  log('generating a province-scale sample ledger (about two minutes) …');
  const t = performance.now();
  const r = spawnSync(tsx, ['electron/cli/main.ts', 'init', '--db', file], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('init failed');
  const s = spawnSync(tsx, ['electron/cli/main.ts', 'sample', '--db', file, '--scale', 'province', '--seed', '7'], { cwd: root, stdio: 'inherit' });
  if (s.status !== 0) throw new Error('sample failed');
  log(`  generated in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return file;
}

type Call = <M extends Method>(method: M, args: Args<M>) => Promise<Output<M>>;

/** When each progress phase of the calls began (performance.now()), in order; cleared by whoever reads it. */
const phaseLog: { phase: string; at: number }[] = [];

function caller(db: Db, dir: string): Call {
  const ctx = makeContext(db, dir, { error: (e) => console.error(e), info: () => undefined });
  ctx.progress = (p) => {
    if (phaseLog.at(-1)?.phase === p.phase) return;
    const now = performance.now();
    // With --trace: each phase as it starts, with the time since the previous one.
    if (argv.includes('--trace')) log(`    ${phaseLog.at(-1)?.phase ?? '(start)'} ${(now - (phaseLog.at(-1)?.at ?? now)).toFixed(0)} ms → ${p.phase}`);
    phaseLog.push({ phase: p.phase, at: now });
  };
  return async (method, args) => {
    const reply = await dispatch(handlers, method, args, ctx);
    if (!reply.ok) throw new Error(`${method}: ${reply.message}`);
    return reply.value as never;
  };
}

// ---------------------------------------------------------------------------------------
// Export of the 交流活动台账

/** A date range ending 2025-12-31 that holds `rows` live activities. */
async function rangeOf(db: Knex, rows: number): Promise<{ from: string; to: string; rows: number }> {
  const to = '2025-12-31';
  const row = (await db('activities')
    .whereNull('deleted_at')
    .where('date', '<=', to)
    .orderBy('date', 'desc')
    .offset(rows - 1)
    .first('date')) as { date: string };
  const [{ n }] = (await db('activities as t')
    .join('alliances as a', 'a.id', 't.alliance_id')
    .whereNull('a.deleted_at')
    .whereNull('t.deleted_at')
    .whereBetween('t.date', [row.date, to])
    .count({ n: '*' })) as [{ n: number }];
  return { from: row.date, to, rows: Number(n) };
}

const activityColumns = ['序号', '联盟名称', '活动日期', '学期', '活动类别', '活动形式', '活动主题', '承办学校', '参与学校', '参与人数', '校级领导互访', '活动成效', '备注'];

/** The baseline: the same rows and columns read by one SELECT, written by exceljs's streaming writer without styling. */
async function plainExport(db: Knex, range: { from: string; to: string }, file: string): Promise<number> {
  const stream = fs.createWriteStream(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('交流活动');
  ws.addRow(activityColumns).commit();
  const settings = await settingsRepository(db).get();
  // All rows in one query, held in memory: the simplest and fastest way to get them.
  const rows = (await db.raw(
    `SELECT t.date, a.name AS alliance_name, t.category, t.form, t.title, h.name AS host_name, t.participants,
            t.is_leadership_visit, t.outcome, t.notes,
            (SELECT group_concat(sc.name, '、') FROM activity_schools x JOIN schools sc ON sc.id = x.school_id
              WHERE x.activity_id = t.id AND x.deleted_at IS NULL) AS schools
       FROM activities t JOIN alliances a ON a.id = t.alliance_id LEFT JOIN schools h ON h.id = t.host_school_id
      WHERE t.deleted_at IS NULL AND a.deleted_at IS NULL AND t.date BETWEEN ? AND ?
      ORDER BY t.date, t.id`,
    [range.from, range.to],
  )) as Record<string, string | number | null>[];
  let n = 0;
  for (const r of rows) {
    const term = termOf(String(r.date), settings.terms);
    ws.addRow([
      ++n,
      r.alliance_name,
      r.date,
      term ? termLabel(term) : '假期',
      activityCategories.label(r.category as never),
      r.form,
      r.title,
      r.host_name,
      r.schools,
      r.participants,
      Number(r.is_leadership_visit) ? '是' : '否',
      r.outcome,
      r.notes,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  return n;
}

/** Peak resident memory of an export run by the CLI in a child process. */
function exportPeakMb(file: string, range: { from: string; to: string }, out: string): number {
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, '--import', 'tsx', 'electron/cli/main.ts', 'export', 'activities', '--db', file, '--out', out, '--from', range.from, '--to', range.to],
    { cwd: root, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`CLI export failed: ${r.stderr.slice(-2000)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  return kb / 1024;
}

async function benchExport(db: Db, file: string, dir: string) {
  const range = await rangeOf(db, 100_000);
  log(`\n交流活动台账 export: ${range.from} – ${range.to}, ${range.rows} rows`);
  const request = { report: 'activities' as const, period: { type: 'range' as const, from: range.from, to: range.to } };
  const app: number[] = [];
  const base: number[] = [];
  const n = Math.min(reps, 3);
  for (let i = 0; i < n; i++) {
    const [b, rows] = await timed(() => plainExport(db, range, path.join(dir, 'plain.xlsx')));
    base.push(b);
    const [a, result] = await timed(() => exportReport(db, request, { file: path.join(dir, 'report.xlsx'), today: '2026-11-20' }));
    app.push(a);
    if (rows !== result.rows) throw new Error(`export rows differ: baseline ${rows}, app ${result.rows}`);
    log(`  run ${i + 1}: app ${a.toFixed(0)} ms, baseline ${b.toFixed(0)} ms (${result.rows} rows)`);
  }
  const a = median(app);
  const b = median(base);
  figures.push({ what: `export 交流活动台账, ${range.rows} rows`, app: a, baseline: b, unit: 'ms', target: '≤ 1.5× baseline', met: a <= 1.5 * b });
  const mb = exportPeakMb(file, range, path.join(dir, 'cli-report.xlsx'));
  log(`  peak RSS of the CLI export: ${mb.toFixed(0)} MB`);
  figures.push({ what: 'peak memory of that export (CLI, child process)', app: mb, baseline: null, unit: 'MB', target: '< 400 MB', met: mb < 400 });
}

// ---------------------------------------------------------------------------------------
// Import of a 50,000-row 交流活动 file

interface ImportWorld {
  alliances: { name: string; members: string[] }[];
}

/** Alliances whose members are schools with distinct names, as the import can name them. */
async function importWorld(db: Knex): Promise<ImportWorld> {
  const rows = (await db('alliances as a')
    .join('alliance_members as m', 'm.alliance_id', 'a.id')
    .leftJoin('schools as s', 's.id', 'm.school_id')
    .whereNull('a.deleted_at')
    .whereNull('m.deleted_at')
    .select('a.id', 'a.name', 'm.school_id', 'm.region_id', 's.name as school_name', 's.deleted_at as school_deleted')) as Record<string, string | null>[];
  const by = new Map<string, { name: string; members: string[]; bad: boolean }>();
  for (const r of rows) {
    const a = by.get(r.id!) ?? { name: r.name!, members: [], bad: false };
    if (r.region_id || !r.school_name || r.school_deleted) a.bad = true;
    else if (a.members.includes(r.school_name)) a.bad = true;
    else a.members.push(r.school_name);
    by.set(r.id!, a);
  }
  return { alliances: [...by.values()].filter((a) => !a.bad && a.members.length >= 2) };
}

const categoryLabels = activityCategories.codes.map((c) => activityCategories.labels[c]);
const forms = ['同课异构', '集体备课', '专题讲座', '听评课', '线上教研', '送教下乡'];

/** A 交流活动 file as a clerk fills the template: `rows` rows of distinct activities. */
async function writeImportFile(world: ImportWorld, rows: number, tag: string, out: string, seed: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('交流活动');
  ws.addRow(['联盟名称', '活动日期', '活动类别', '活动主题', '活动形式', '承办学校', '参与学校', '参与人数', '是否校级领导互访', '线上/线下', '活动内容', '活动成效', '备注']).commit();
  let state = seed;
  const rnd = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  for (let i = 0; i < rows; i++) {
    const a = world.alliances[rnd(world.alliances.length)]!;
    const host = a.members[rnd(a.members.length)]!;
    const others = a.members.filter((m) => m !== host).slice(0, 1 + rnd(2));
    const month = 1 + rnd(10);
    const day = 1 + rnd(28);
    const form = forms[rnd(forms.length)]!;
    ws.addRow([
      a.name,
      `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      categoryLabels[rnd(categoryLabels.length)],
      `${form}交流活动${tag}-${i + 1}`,
      form,
      host,
      others.join('、'),
      10 + rnd(90),
      rnd(10) === 0 ? '是' : '否',
      form === '线上教研' ? '线上' : '线下',
      `围绕${rnd(2) ? '集体备课' : '课堂教学'}开展交流，成员校教师分组研讨。`,
      rnd(2) ? '形成了可推广的经验做法。' : null,
      null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  // Excel and WPS write the sheet's <dimension> at its top when they save; exceljs's
  // streaming writer does not. Give the file the one a clerk's saved file has.
  const zip = await JSZip.loadAsync(fs.readFileSync(out));
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', xml.replace(/(<worksheet\b[^>]*>)/, `$1<dimension ref="A1:M${rows + 1}"/>`));
  fs.writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }));
}

/** The baseline: exceljs's streaming reader, then the rows inserted by one prepared statement in one transaction. */
async function plainImport(db: Knex, file: string, allianceIds: Map<string, string>, suffix: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([fs.readFileSync(file)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: unknown[][] = [];
  for await (const ws of reader) {
    for await (const row of ws) {
      if (row.number === 1) continue;
      rows.push((row.values as unknown[]).slice(1));
    }
  }
  const codes = new Map(activityCategories.codes.map((c) => [activityCategories.labels[c] as string, c]));
  const read = performance.now();
  const stamp = new Date().toISOString();
  // exceljs's streaming reader garbles a Chinese character split across two chunks; the
  // baseline only measures the cost, so such a row takes some alliance.
  const fallback = allianceIds.values().next().value;
  await db.transaction(async (trx) => {
    const conn = (await trx.client.acquireConnection()) as {
      prepare(sql: string, cb: (e: Error | null) => void): { run(v: unknown[], cb: (e: Error | null) => void): void; finalize(cb: () => void): void };
    };
    const stmt = await new Promise<ReturnType<typeof conn.prepare>>((resolve, reject) => {
      const s = conn.prepare(
        `INSERT INTO activities (id, created_at, updated_at, alliance_id, date, category, form, title, participants, is_leadership_visit, is_online, summary, outcome, notes)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        (e) => (e ? reject(e) : resolve(s)),
      );
    });
    for (const r of rows) {
      const v = (k: number) => (r[k] === undefined ? null : r[k]);
      await new Promise<void>((resolve, reject) =>
        stmt.run(
          [
            crypto.randomUUID(), stamp, stamp, allianceIds.get(String(v(0))) ?? fallback, String(v(1)), codes.get(String(v(2))) ?? 'teaching_research', v(4),
            `${String(v(3))}${suffix}`, v(7), v(8) === '是' ? 1 : 0, v(9) === '线上' ? 1 : 0, v(10), v(11), v(12),
          ],
          (e) => (e ? reject(e) : resolve()),
        ),
      );
    }
    await new Promise<void>((resolve) => stmt.finalize(() => resolve()));
  });
  if (argv.includes('--trace')) log(`    baseline: inserting took ${(performance.now() - read).toFixed(0)} ms`);
  return rows.length;
}

/**
 * SQLite inserting `rows` activities by itself: the ledger's latest rows copied into a
 * temporary table with new ordered ids and titles (not timed), then one INSERT … SELECT and
 * its commit (timed).
 */
async function sqliteInsertFloor(db: Knex, rows: number, run: number): Promise<number> {
  await db.raw('DROP TABLE IF EXISTS temp.floor_rows');
  await db.raw('CREATE TEMP TABLE floor_rows AS SELECT * FROM activities WHERE deleted_at IS NULL ORDER BY rowid DESC LIMIT ?', [rows]);
  await db.raw(`UPDATE temp.floor_rows SET id = printf('019f%04d-0000-7000-8000-%012d', ?, rowid), title = title || ?, search_key = NULL`, [run, `（F${run}）`]);
  const [ms] = await timed(() => db.transaction(async (trx) => void (await trx.raw('INSERT INTO activities SELECT * FROM temp.floor_rows'))));
  await db.raw('DROP TABLE temp.floor_rows');
  return ms;
}

/**
 * LibreOffice headless converting the file to a UTF-8 CSV, when it is installed. (Without
 * the filter options it writes the system's charset, ? for every Chinese character, and
 * takes longer.) The CSV is checked: every row, the last one's title in Chinese.
 */
function libreOfficeCsv(file: string, outDir: string, rows: number, lastTitle: string): number | null {
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
  if (!soffice) return null;
  const profile = path.join(outDir, 'lo-profile');
  const csv = path.join(outDir, `${path.basename(file, '.xlsx')}.csv`);
  fs.rmSync(csv, { force: true });
  const t = performance.now();
  const r = spawnSync(
    soffice,
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', outDir, file],
    { encoding: 'utf8', timeout: 600_000 },
  );
  const ms = performance.now() - t;
  if (r.status !== 0 || !fs.existsSync(csv)) {
    log(`  LibreOffice failed: ${r.stderr}`);
    return null;
  }
  const lines = fs.readFileSync(csv, 'utf8').trimEnd().split('\n');
  if (lines.length !== rows + 1 || !lines.at(-1)!.includes(lastTitle)) throw new Error(`LibreOffice's CSV has ${lines.length} lines, or not “${lastTitle}” last`);
  return ms;
}

async function benchImport(db: Db, dir: string) {
  const call = caller(db, dir);
  const world = await importWorld(db);
  const allianceIds = new Map(
    ((await db('alliances').whereNull('deleted_at').select('id', 'name')) as { id: string; name: string }[]).map((a) => [a.name, a.id]),
  );
  const rows = Number(option('import-rows') ?? 50_000);
  const n = Math.min(reps, 3);
  log(`\n交流活动 import: ${rows} rows, ${world.alliances.length} alliances to name`);
  const app: number[] = [];
  const previews: number[] = [];
  /** The preview's first phase: the file read into rows, before any row is checked. */
  const reads: number[] = [];
  const base: number[] = [];
  let firstFile = '';
  for (let i = 0; i < n; i++) {
    const file = path.join(dir, `import-${i + 1}.xlsx`);
    // Each run's file is another month's work: other alliances and days (its own seed), as a
    // clerk's next file is, rather than the same alliance-days again.
    await writeImportFile(world, rows, `R${i + 1}`, file, 12345 + 7919 * i);
    firstFile ||= file;
    // The app first, then the baseline: the baseline's copy of these rows would otherwise lie
    // on exactly the file's alliance-days before the app checks them, which no clerk's ledger
    // holds (the baseline checks nothing, so the order costs it nothing).
    const input = { kind: 'activities' as const, fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') };
    phaseLog.length = 0;
    const [p, preview] = await timed(() => call('imports.preview', input));
    const checkFrom = phaseLog.find((e) => e.phase === '核对数据')?.at;
    const readFrom = phaseLog[0]?.at;
    if (checkFrom !== undefined && readFrom !== undefined) reads.push(checkFrom - readFrom);
    if (preview.errorCount) throw new Error(`the bench file has errors: ${JSON.stringify(preview.errors.slice(0, 3))}`);
    const [c, result] = await timed(() => call('imports.commit', input));
    const [b, count] = await timed(() => plainImport(db, file, allianceIds, '（基准）'));
    base.push(b);
    if (result.written !== count) throw new Error(`import wrote ${result.written} of ${count}`);
    previews.push(p);
    app.push(p + c);
    log(`  run ${i + 1}: preview ${p.toFixed(0)} ms + commit ${c.toFixed(0)} ms = ${(p + c).toFixed(0)} ms; baseline ${b.toFixed(0)} ms`);
  }
  // The first file again: every row is met in the ledger and compared with what is stored.
  const again = { kind: 'activities' as const, fileName: 'import-1.xlsx', dataBase64: fs.readFileSync(firstFile).toString('base64') };
  const [re, repeat] = await timed(() => call('imports.preview', again));
  if (repeat.rows.skip !== rows) throw new Error(`re-import planned ${JSON.stringify(repeat.rows)}`);
  log(`  the first file again: ${re.toFixed(0)} ms to find all ${rows} rows already stored`);
  // Not timed: what the import wrote is found by the search and chained in the audit log.
  const found = await call('activities.list', { search: `交流活动R1-${rows}`, pageSize: 5 });
  if (!found.rows.some((r) => r.title.endsWith(`R1-${rows}`))) throw new Error('an imported activity is not found by its title');
  const chain = await verifyAuditChain(db);
  if (!chain.ok) throw new Error(`audit chain broken after the import: ${JSON.stringify(chain.firstBroken)}`);
  log(`  checked: the last imported row is found by search; audit chain intact (${chain.checked} rows)`);
  const a = median(app);
  const b = median(base);
  figures.push({
    what: `import 交流活动 ${rows} rows (preview + commit)`,
    app: a,
    baseline: b,
    unit: 'ms',
    target: '≤ 2× baseline',
    met: a <= 2 * b,
    note: `preview alone ${median(previews).toFixed(0)} ms; baseline = exceljs streaming read + one prepared INSERT per row, one transaction`,
  });
  // The floor under any import into this ledger: the same number of activity rows (copies
  // of the ones just imported, under new ordered ids and titles) inserted by SQLite itself in
  // one INSERT … SELECT — no JavaScript, no links, search entries or audit rows; only the
  // table and its indexes. Timed once per run like the rest.
  const floors: number[] = [];
  for (let i = 0; i < n; i++) floors.push(await sqliteInsertFloor(db, rows, i + 1));
  const floorMs = median(floors);
  log(`  SQLite alone, ${rows} activity rows by one INSERT … SELECT: ${floorMs.toFixed(0)} ms`);
  // LibreOffice opening the same file and saving it as CSV, as often as the app's runs.
  const lo: number[] = [];
  for (let i = 0; i < n; i++) {
    const ms = libreOfficeCsv(path.join(dir, `import-${i + 1}.xlsx`), dir, rows, `交流活动R${i + 1}-${rows}`);
    if (ms !== null) lo.push(ms);
  }
  const loMs = lo.length ? median(lo) : null;
  const p = median(previews);
  const read = reads.length ? median(reads) : null;
  figures.push({
    what: 'the same file: app reading it into rows (what LibreOffice does before it writes the CSV) vs LibreOffice headless → CSV',
    app: read,
    baseline: loMs,
    unit: 'ms',
    target: 'app faster',
    met: loMs === null || read === null ? null : read < loMs,
    note: 'the preview’s first phase, until it starts checking rows',
  });
  figures.push({
    what: 'the same file: app preview (read + check every row) vs LibreOffice headless → CSV',
    app: p,
    baseline: loMs,
    unit: 'ms',
    target: 'app faster',
    met: loMs === null ? null : p < loMs,
    note: loMs === null ? 'LibreOffice not installed' : undefined,
  });
  figures.push({
    what: `SQLite alone: ${rows} activity rows by one INSERT … SELECT, vs LibreOffice headless → CSV`,
    app: floorMs,
    baseline: loMs,
    unit: 'ms',
    target: 'reference',
    met: null,
    note: 'the floor under any import into this ledger: the activities table and its indexes only',
  });
  figures.push({
    what: 'the same file: app import (preview + commit) vs LibreOffice headless → CSV',
    app: a,
    baseline: loMs,
    unit: 'ms',
    target: 'app faster',
    met: loMs === null ? null : a < loMs,
    note: loMs === null ? 'LibreOffice not installed' : `the import also writes ${rows} records, their links, search entries and audit rows`,
  });
  if (loMs !== null) log(`  LibreOffice → CSV: ${loMs.toFixed(0)} ms`);
}

// ---------------------------------------------------------------------------------------
// List page and search through the API, against hand-written SQL

async function repeat(work: () => Promise<unknown>, n = reps): Promise<number> {
  await work(); // the page cache warm, as for a clerk who has the list open
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await timed(work))[0]);
  return median(times);
}

async function busiestCounty(db: Knex): Promise<{ id: string; name: string }> {
  return (await db('alliance_members as m')
    .join('schools as s', 's.id', 'm.school_id')
    .join('regions as r', 'r.id', 's.region_id')
    .whereNull('m.deleted_at')
    .groupBy('r.id', 'r.name')
    .orderByRaw('COUNT(*) DESC')
    .first('r.id', 'r.name')) as { id: string; name: string };
}

/**
 * What the list shows, written by hand as one would for this schema: the page's ids in
 * date order, its rows with the alliance and host names, its participating schools, and
 * the count — the same filters, without the dispatcher, validation, knex or mapping.
 */
async function handList(
  db: Knex,
  o: { page: number; from?: string; to?: string; category?: string; regionId?: string; like?: string },
): Promise<number> {
  const where: string[] = ['t.deleted_at IS NULL', 't.alliance_id NOT IN (SELECT id FROM alliances WHERE deleted_at IS NOT NULL)'];
  const params: unknown[] = [];
  if (o.from) where.push('t.date >= ?') && params.push(o.from);
  if (o.to) where.push('t.date <= ?') && params.push(o.to);
  if (o.category) where.push('t.category = ?') && params.push(o.category);
  if (o.regionId) {
    where.push(
      `t.alliance_id IN (SELECT m.alliance_id FROM alliance_members m LEFT JOIN schools s ON s.id = m.school_id
        WHERE m.deleted_at IS NULL AND (s.region_id = ? OR m.region_id = ?))`,
    );
    params.push(o.regionId, o.regionId);
  }
  let from = 'FROM activities t';
  if (o.like) {
    from = 'FROM activities t JOIN alliances a ON a.id = t.alliance_id LEFT JOIN schools h ON h.id = t.host_school_id';
    where.push(
      `(t.title LIKE ? OR t.summary LIKE ? OR t.outcome LIKE ? OR t.form LIKE ? OR a.name LIKE ? OR h.name LIKE ?
        OR EXISTS (SELECT 1 FROM activity_schools x JOIN schools sc ON sc.id = x.school_id WHERE x.activity_id = t.id AND x.deleted_at IS NULL AND sc.name LIKE ?))`,
    );
    for (let i = 0; i < 7; i++) params.push(`%${o.like}%`);
  }
  const filter = `${from} WHERE ${where.join(' AND ')}`;
  const ids = (await db.raw(`SELECT t.id ${filter} ORDER BY t.date DESC, t.id DESC LIMIT 20 OFFSET ?`, [
    ...params,
    (o.page - 1) * 20,
  ] as Knex.RawBinding[])) as { id: string }[];
  if (ids.length) {
    const marks = ids.map(() => '?').join(',');
    const list = ids.map((r) => r.id);
    await db.raw(
      `SELECT t.*, a.name AS alliance_name, h.name AS host_name FROM activities t JOIN alliances a ON a.id = t.alliance_id
        LEFT JOIN schools h ON h.id = t.host_school_id WHERE t.id IN (${marks})`,
      list,
    );
    await db.raw(
      `SELECT x.activity_id, s.id, s.name FROM activity_schools x JOIN schools s ON s.id = x.school_id
        WHERE x.deleted_at IS NULL AND x.activity_id IN (${marks})`,
      list,
    );
  }
  const [c] = (await db.raw(`SELECT COUNT(*) AS n ${filter}`, params as Knex.RawBinding[])) as { n: number }[];
  return Number(c!.n);
}

async function benchList(db: Db, dir: string) {
  const call = caller(db, dir);
  const county = await busiestCounty(db);
  const settings = await settingsRepository(db).get();
  const term = '2024-2025-1';
  const range = termRange(term, settings.terms);
  log(`\nactivities.list (20 rows a page); filtered: ${county.name} + ${term} + 教研交流`);
  const cases: [string, Args<'activities.list'>, Parameters<typeof handList>[1]][] = [
    ['list: first page', {}, { page: 1 }],
    ['list: page 1,000', { page: 1000 }, { page: 1000 }],
    [
      `list: ${county.name} + ${term} + 教研交流`,
      { regionId: county.id, term, category: 'teaching_research' },
      { page: 1, regionId: county.id, from: range.from, to: range.to, category: 'teaching_research' },
    ],
  ];
  for (const [what, args, hand] of cases) {
    const a = await repeat(() => call('activities.list', args));
    const b = await repeat(() => handList(db, hand));
    const page = await call('activities.list', args);
    const total = await handList(db, hand);
    if (page.total !== total) log(`  ! totals differ: app ${page.total}, SQL ${total}`);
    log(`  ${what}: app ${a.toFixed(1)} ms, SQL ${b.toFixed(1)} ms (total ${page.total})`);
    figures.push({ what, app: a, baseline: b, unit: 'ms', target: '≤ 2× SQL and < 50 ms', met: a <= 2 * b && a < 50 });
  }
}

async function benchSearch(db: Db, dir: string) {
  const call = caller(db, dir);
  log('\nfree-text search, first page');
  for (const word of ['备课', '宝鸡', '同课异构']) {
    const a = await repeat(() => call('activities.list', { search: word }));
    const b = await repeat(() => handList(db, { page: 1, like: word }), 3);
    const page = await call('activities.list', { search: word });
    log(`  ${word}: app ${a.toFixed(1)} ms (${page.total} found), LIKE ${b.toFixed(1)} ms`);
    figures.push({ what: `search “${word}”, first page`, app: a, baseline: b, unit: 'ms', target: '< 100 ms and faster than LIKE', met: a < 100 && a < b });
  }
}

// ---------------------------------------------------------------------------------------
// Dashboard, reminders

async function benchDashboard(db: Db, dir: string) {
  const call = caller(db, dir) as (m: string, a: unknown) => Promise<unknown>;
  const methods = Object.keys(handlers).filter((m) => m.startsWith('dashboard.') && !/export/i.test(m));
  if (methods.length === 0) {
    log('\ndashboard: not built');
    figures.push({ what: 'dashboard data for a year', app: null, baseline: null, unit: 'ms', target: '< 500 ms', met: null, note: 'not built' });
    return;
  }
  log(`\ndashboard: ${methods.join(', ')}`);
  let total = 0;
  const notes: string[] = [];
  for (const m of methods) {
    const args = { year: 2025 };
    try {
      const t = await repeat(() => call(m, args), 3);
      total += t;
      notes.push(`${m} ${t.toFixed(0)} ms`);
      log(`  ${m}: ${t.toFixed(1)} ms`);
    } catch (e) {
      notes.push(`${m} failed: ${String(e).slice(0, 80)}`);
      log(`  ${m}: ${String(e).slice(0, 200)}`);
    }
  }
  figures.push({ what: 'dashboard data for a year (all dashboard.* methods)', app: total, baseline: null, unit: 'ms', target: '< 500 ms', met: total < 500, note: notes.join('; ') });
}

async function benchReminders(db: Db, dir: string) {
  const call = caller(db, dir);
  const a = await repeat(() => call('reminders.forDay', { today: '2026-11-20' }), 3);
  const list = await call('reminders.forDay', { today: '2026-11-20' });
  log(`\nreminders.forDay 2026-11-20: ${a.toFixed(1)} ms (${list.length} reminders)`);
  figures.push({ what: 'reminders for one day', app: a, baseline: null, unit: 'ms', target: '< 1 s', met: a < 1000 });
}

// ---------------------------------------------------------------------------------------
// Browser mode: page load to the dashboard drawn

async function benchBrowser(dir: string) {
  const child = spawn(tsx, ['electron/launcher/start.ts'], {
    cwd: root,
    env: { ...process.env, LEDGER_BROWSER: '1', LEDGER_PORT: '0', LEDGER_DATA_DIR: dir, LEDGER_NO_OPEN: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no URL: ${out}`)), 300_000);
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
      child.once('exit', (code) => reject(new Error(`launcher exited ${code}: ${out}`)));
    });
    // The app backs the ledger up 5 s after it starts (a VACUUM INTO of the whole file, a
    // minute at province scale, on its own connection but sharing the two cores). Page loads
    // are timed once it is done, as for a clerk who opened the app a little while ago.
    const backups = path.join(dir, 'backups');
    const waitedFrom = performance.now();
    while (!(fs.existsSync(backups) && fs.readdirSync(backups).some((f) => f.endsWith('-auto.sqlite')))) {
      if (performance.now() - waitedFrom > 600_000) throw new Error('the start-up backup did not finish in 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    log(`  (the start-up backup took ${((performance.now() - waitedFrom) / 1000).toFixed(0)} s after the server was up)`);
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    // What marks the dashboard as drawn: its charts when the home page has them, else the 首页 heading.
    const homeDir = path.join(root, 'renderer', 'features', 'home');
    const home = (fs.readdirSync(homeDir, { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => fs.readFileSync(path.join(homeDir, f), 'utf8'))
      .join('\n');
    const charts = /data-chart=/.test(home);
    const ready = charts ? '[data-chart] canvas' : 'text=首页';
    const times: number[] = [];
    for (let i = 0; i < reps + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' }); // no cache carried over
      const page = await context.newPage();
      const t = performance.now();
      await page.goto(url);
      await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
      const ms = performance.now() - t;
      if (argv.includes('--trace') && i === reps) {
        // Passed as text: in this module `performance` is Node's, not the page's.
        const entries = (await page.evaluate(
          `performance.getEntriesByType('resource').map((e) => e.name.replace(/\\?.*/, '').slice(-50) + ' at ' + e.startTime.toFixed(0) + ' took ' + e.duration.toFixed(0) + ' ms')`,
        )) as string[];
        const nav = (await page.evaluate(
          `(() => { const n = performance.getEntriesByType('navigation')[0]; return 'DOMContentLoaded ' + n.domContentLoadedEventEnd.toFixed(0) + ' ms, load ' + n.loadEventEnd.toFixed(0) + ' ms'; })()`,
        )) as string;
        log(`    ${ms.toFixed(0)} ms in all; ${nav}\n    ${entries.join('\n    ')}`);
      }
      if (i > 0) times.push(ms); // the first load also warms the server's own caches (migrations check, statistics)
      await context.close();
    }
    await browser.close();
    const a = median(times);
    log(`\nbrowser: page load to ${ready}: ${a.toFixed(0)} ms`);
    figures.push({
      what: 'browser mode: page load → dashboard drawn',
      app: a,
      baseline: null,
      unit: 'ms',
      target: '< 1.5 s',
      met: a < 1500,
      note: charts ? 'until the first chart canvas is visible (fresh browser context each time)' : 'home page has no charts yet: timed until the 首页 heading renders',
    });
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

// ---------------------------------------------------------------------------------------

function table(): string {
  const fmt = (v: number | null, unit: string) => (v === null ? '—' : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${unit}`);
  const lines = [
    '| what | app | baseline | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.what}${f.note ? ` (${f.note})` : ''} | ${fmt(f.app, f.unit)} | ${fmt(f.baseline, f.unit)} | ${
          f.app !== null && f.baseline ? `${(f.app / f.baseline).toFixed(2)}×` : '—'
        } | ${f.target} | ${f.met === null ? '—' : f.met ? 'yes' : 'NO'} |`,
    ),
  ];
  return lines.join('\n');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  try {
    const file = await prepareLedger(dir);
    const withLedger = async (work: (db: Db) => Promise<void>) => {
      const db = await openDatabase(file);
      try {
        await work(db);
      } finally {
        await db.destroy();
      }
    };
    await withLedger(async (db) => {
      if (sections.has('list')) await benchList(db, dir);
      if (sections.has('search')) await benchSearch(db, dir);
      if (sections.has('dashboard')) await benchDashboard(db, dir);
      if (sections.has('reminders')) await benchReminders(db, dir);
      if (sections.has('export')) await benchExport(db, file, dir);
    });
    // The page load on the ledger as it was made, like the dashboard figure above: the import
    // runs below add 450,000 activities to this year (the app's rows, the baseline's copies
    // and SQLite's floor), seven times a province's year.
    if (sections.has('browser')) await benchBrowser(dir);
    if (sections.has('import')) await withLedger((db) => benchImport(db, dir));
  } finally {
    if (argv.includes('--keep')) log(`\nkept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = table();
  log(`\n${out}`);
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(
    path.join(artifacts, 'bench.json'),
    `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) }, reps, figures }, null, 2)}\n`,
  );
  log(`\nwritten test/artifacts/bench.json`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

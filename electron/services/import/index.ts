// The shared import machinery: read the file, find the header, let the kind plan each
// row, and either report the plan (preview, writes nothing) or carry it out in one
// transaction (commit, refused while any row has an error). Progress is reported, the
// work yields to the event loop between rows so the app stays responsive, and an aborted
// signal stops it; a cancelled commit rolls back and leaves nothing written.
import type { Knex } from 'knex';
import type { Progress } from '../../api/common';
import { cancelled, invalid } from '../../api/errors';
import { importKindLabels, type ImportKind, type ImportPreview, type ImportResult, type ImportRowError } from '../../api/imports';
import { createHash } from 'node:crypto';
import { auditHead, writeAudit, type WriteContext } from '../../../db/records';
import { findHeader } from './header-match';
import type { FilePlan, MappedRow, PlanOptions } from './kind';
import { readSheet, type Sheet } from './read-sheet';
import { importKindSpecs } from './registry';

/** Errors listed in a preview; the count says how many there were in all. */
const maxErrors = 500;
const sampleSize = 20;

export interface ImportOptions {
  sheet?: string;
  today: string;
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** List every error, not only the first `maxErrors` (error report, CLI). */
  allErrors?: boolean;
}

interface Planned {
  preview: ImportPreview;
  plan: FilePlan;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The file last read, by its content: a clerk previews a file and then imports the same
 * bytes, and the commit (which plans again against the database, in its transaction) need
 * not parse a 50,000-row sheet a second time. One file is kept, and dropped on commit.
 */
let lastRead: { key: string; sheet: Sheet; at: number } | null = null;
const keepReadFor = 30 * 60_000;

async function readOnce(bytes: Uint8Array, fileName: string, sheetName: string | undefined, o: Parameters<typeof readSheet>[3]): Promise<Sheet> {
  const key = `${createHash('sha256').update(bytes).digest('hex')}\u0000${fileName}\u0000${sheetName ?? ''}`;
  if (lastRead && lastRead.key === key && Date.now() - lastRead.at < keepReadFor) return lastRead.sheet;
  lastRead = null;
  const sheet = await readSheet(bytes, fileName, sheetName, o);
  lastRead = { key, sheet, at: Date.now() };
  return sheet;
}

/**
 * The plan of the last preview, with the ledger's last audit-log entry when it was made.
 * Every write to the ledger appends to the audit log in its own transaction, so a commit of
 * the same file that finds the log where the preview left it is checking an unchanged
 * ledger: it carries out that plan instead of checking every row a second time. Anything
 * written in between — by this clerk or, on a shared server, another — means a fresh check.
 */
let lastPlan: { key: string; head: number; planned: Planned } | null = null;

const planKey = (kind: ImportKind, bytes: Uint8Array, fileName: string, o: ImportOptions) =>
  [kind, createHash('sha256').update(bytes).digest('hex'), fileName, o.sheet ?? '', o.today, o.allErrors ? 'all' : ''].join('\u0000');

async function planOnce(db: Knex, kind: ImportKind, bytes: Uint8Array, fileName: string, o: ImportOptions): Promise<Planned> {
  const key = planKey(kind, bytes, fileName, o);
  const head = await auditHead(db);
  if (lastPlan && lastPlan.key === key && lastPlan.head === head) return lastPlan.planned;
  lastPlan = null;
  const planned = await planImport(db, kind, bytes, fileName, o);
  lastPlan = { key, head, planned };
  return planned;
}

async function planImport(db: Knex, kind: ImportKind, bytes: Uint8Array, fileName: string, o: ImportOptions): Promise<Planned> {
  const spec = importKindSpecs[kind];
  const check = () => {
    if (o.signal?.aborted) throw cancelled();
  };
  check();
  o.progress?.({ phase: '读取文件', done: 0, total: 1 });
  let done = 0;
  let total = 1;
  const options: PlanOptions = {
    today: o.today,
    tick: async () => {
      done++;
      if (done % 100 === 0) {
        await yieldToEventLoop();
        check();
      }
      if (done % 100 === 0 || done === total) o.progress?.({ phase: '核对数据', done, total });
    },
  };
  let plan: FilePlan;
  if ('planFile' in spec) {
    plan = await spec.planFile(db, { bytes, fileName, sheet: o.sheet }, options);
  } else {
    const sheet = await readOnce(bytes, fileName, o.sheet, {
      progress: (n, of) => o.progress?.({ phase: '读取文件', done: n, total: of }),
    });
    check();
    const header = findHeader(sheet.rows, spec.columns, sheet.name);
    const dataRows: MappedRow[] = sheet.rows
      .filter((r) => r.row > header.headerRow)
      .map((r) => ({
        row: r.row,
        has: (key) => header.columns.has(key),
        cell: (key) => {
          const c = header.columns.get(key);
          return c ? (r.cells[c.index] ?? null) : undefined;
        },
      }));
    if (dataRows.length === 0) throw invalid(`工作表“${sheet.name}”的表头下面没有数据`);
    total = dataRows.length;
    const rowPlan = await spec.plan(db, dataRows, options);
    const headerOf = (key: string | null) => (key ? (header.columns.get(key)?.header ?? null) : null);
    const position = (key: string | null) => (key ? (header.columns.get(key)?.index ?? -1) : -1);
    plan = {
      sheet: sheet.name,
      headerRow: header.headerRow,
      columns: spec.columns.flatMap((c) => (header.columns.has(c.key) ? [header.columns.get(c.key)!.header] : [])),
      rows: rowPlan.rows,
      errors: rowPlan.errors
        .sort((a, b) => a.row - b.row || position(a.column) - position(b.column))
        .map((e): ImportRowError => ({ sheet: sheet.name, row: e.row, column: headerOf(e.column), message: e.message })),
      ...(rowPlan.batch ? { batch: rowPlan.batch } : {}),
    };
  }
  check();

  const counts = { create: 0, update: 0, skip: 0 };
  for (const r of plan.rows) counts[r.action]++;
  const preview: ImportPreview = {
    kind,
    kindLabel: importKindLabels[kind],
    fileName,
    sheet: plan.sheet,
    headerRow: plan.headerRow,
    columns: plan.columns,
    rows: counts,
    errors: o.allErrors ? plan.errors : plan.errors.slice(0, maxErrors),
    errorCount: plan.errors.length,
    sample: plan.rows.slice(0, sampleSize).map((r) => ({ row: r.row, action: r.action, values: r.display })),
  };
  return { preview, plan };
}

export async function previewImport(
  db: Knex,
  kind: ImportKind,
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions,
): Promise<ImportPreview> {
  return (await planOnce(db, kind, bytes, fileName, options)).preview;
}

/**
 * Plans inside the transaction (or takes the preview's plan when the ledger has not changed
 * since), so what is written is what was checked.
 */
export async function commitImport(
  db: Knex,
  kind: ImportKind,
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions & { audit: WriteContext },
): Promise<ImportResult> {
  // A large file's new rows go into a dozen indexes at random places: on SQLite a larger
  // page cache for the length of the commit saves re-reading the same index pages.
  const sqlite = db.client.config.client !== 'pg';
  const cacheSize = sqlite ? ((await db.raw('PRAGMA cache_size')) as { cache_size: number }[])[0]?.cache_size : undefined;
  if (sqlite) await db.raw('PRAGMA cache_size = -256000');
  try {
    return await commitInTransaction(db, kind, bytes, fileName, options);
  } finally {
    lastRead = null;
    lastPlan = null;
    if (sqlite && cacheSize !== undefined) await db.raw(`PRAGMA cache_size = ${Number(cacheSize)}`);
  }
}

function commitInTransaction(
  db: Knex,
  kind: ImportKind,
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions & { audit: WriteContext },
): Promise<ImportResult> {
  return db.transaction(async (trx) => {
    const { preview, plan } = await planOnce(trx, kind, bytes, fileName, options);
    if (preview.errorCount > 0) {
      const first = preview.errors[0]!;
      throw invalid(
        `文件中有 ${preview.errorCount} 处错误，未导入任何数据。第一处：第 ${first.row} 行${first.column ? `“${first.column}”列` : ''}：${first.message}`,
      );
    }
    const writes = plan.rows.filter((r) => r.write);
    const total = writes.length + (plan.batch?.count ?? 0);
    let done = 0;
    for (const r of writes) {
      if (options.signal?.aborted) throw cancelled();
      await r.write!(trx, options.audit);
      done++;
      if (done % 50 === 0 || done === total) {
        options.progress?.({ phase: '写入数据', done, total });
        if (done % 200 === 0) await yieldToEventLoop();
      }
    }
    if (plan.batch) {
      const before = done;
      await plan.batch.write(trx, options.audit, async (n) => {
        done = before + n;
        options.progress?.({ phase: '写入数据', done, total });
        await yieldToEventLoop();
        if (options.signal?.aborted) throw cancelled();
      });
    }
    if (plan.write) await plan.write(trx, options.audit);
    if (options.signal?.aborted) throw cancelled();
    // One summary row for the whole import: which file (by name and content hash) and what it did.
    await writeAudit(trx, options.audit, {
      entity: 'imports',
      recordId: kind,
      action: 'import',
      after: {
        kind: importKindLabels[kind],
        fileName,
        sheet: preview.sheet,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        rows: preview.rows,
        written: preview.rows.create + preview.rows.update,
      },
    });
    return { ...preview, written: preview.rows.create + preview.rows.update };
  });
}

export { importTemplate } from './template';
export { errorReport } from './error-report';

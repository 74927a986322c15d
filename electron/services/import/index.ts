// The shared import machinery: read the file, find the header, let the kind plan each
// row, and either report the plan (preview, writes nothing) or carry it out in one
// transaction (commit, refused while any row has an error). Progress is reported and an
// aborted signal stops the work; a cancelled commit rolls back and leaves nothing written.
import type { Knex } from 'knex';
import type { Progress } from '../../api/common';
import { cancelled, invalid } from '../../api/errors';
import { importKindLabels, type ImportKind, type ImportPreview, type ImportResult } from '../../api/imports';
import type { WriteContext } from '../../../db/records';
import { findHeader } from './header-match';
import type { ImportKindSpec, KindPlan, MappedRow } from './kind';
import { problemsImport } from './kinds/problems';
import { readSheet, type Sheet } from './read-sheet';

const kinds: Record<ImportKind, ImportKindSpec> = {
  problems: problemsImport,
};

/** Errors listed in one answer; the count says how many there were in all. */
const maxErrors = 500;
const sampleSize = 20;

export interface ImportOptions {
  sheet?: string;
  today: string;
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
}

interface Planned {
  preview: ImportPreview;
  plan: KindPlan;
}

async function planImport(db: Knex, kind: ImportKind, bytes: Uint8Array, fileName: string, o: ImportOptions): Promise<Planned> {
  const spec = kinds[kind];
  const check = () => {
    if (o.signal?.aborted) throw cancelled();
  };
  check();
  o.progress?.({ phase: '读取文件', done: 0, total: 1 });
  const sheet: Sheet = await readSheet(bytes, fileName, o.sheet);
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

  let done = 0;
  const total = dataRows.length;
  const tick = () => {
    check();
    done++;
    if (done % 50 === 0 || done === total) o.progress?.({ phase: '核对数据', done, total });
  };
  const plan = await spec.plan(db, dataRows, { today: o.today, tick });
  check();

  const headerOf = (key: string | null) => (key ? (header.columns.get(key)?.header ?? null) : null);
  const position = (key: string | null) => (key ? (header.columns.get(key)?.index ?? -1) : -1);
  const errors = plan.errors
    .sort((a, b) => a.row - b.row || position(a.column) - position(b.column))
    .map((e) => ({ sheet: sheet.name, row: e.row, column: headerOf(e.column), message: e.message }));
  const counts = { create: 0, update: 0, skip: 0 };
  for (const r of plan.rows) counts[r.action]++;
  const preview: ImportPreview = {
    kind,
    kindLabel: importKindLabels[kind],
    fileName,
    sheet: sheet.name,
    headerRow: header.headerRow,
    columns: spec.columns.flatMap((c) => (header.columns.has(c.key) ? [header.columns.get(c.key)!.header] : [])),
    rows: counts,
    errors: errors.slice(0, maxErrors),
    errorCount: errors.length,
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
  return (await planImport(db, kind, bytes, fileName, options)).preview;
}

/** Plans again inside the transaction, so what is written is what was checked. */
export async function commitImport(
  db: Knex,
  kind: ImportKind,
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions & { audit: WriteContext },
): Promise<ImportResult> {
  return db.transaction(async (trx) => {
    const { preview, plan } = await planImport(trx, kind, bytes, fileName, options);
    if (preview.errorCount > 0) {
      const first = preview.errors[0]!;
      throw invalid(
        `文件中有 ${preview.errorCount} 处错误，未导入任何数据。第一处：第 ${first.row} 行${first.column ? `“${first.column}”列` : ''}：${first.message}`,
      );
    }
    const writes = plan.rows.filter((r) => r.write);
    let done = 0;
    for (const r of writes) {
      if (options.signal?.aborted) throw cancelled();
      await r.write!(trx, options.audit);
      done++;
      if (done % 50 === 0 || done === writes.length) options.progress?.({ phase: '写入数据', done, total: writes.length });
    }
    return { ...preview, written: writes.length };
  });
}

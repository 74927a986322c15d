// What every import kind provides to the shared machinery (index.ts): its columns, and how
// its rows become planned writes — read-only — and then real writes in one transaction.
// Most kinds plan row by row (`plan`); a kind whose file is one record (评价指标: the whole
// sheet is one template's indicator tree) reads the file itself (`planFile`) and writes
// once for the whole file (`FilePlan.write`).
import type { Knex } from 'knex';
import type { ImportAction, ImportRowError } from '../../api/imports';
import type { WriteContext } from '../../../db/records';
import type { ColumnSpec } from './header-match';
import type { CellValue } from './read-sheet';

/** One data row seen through the header: cells by column key. */
export interface MappedRow {
  row: number;
  /** The cell under a column, or undefined when the file has no such column. */
  cell(key: string): CellValue | undefined;
  has(key: string): boolean;
}

export type Write = (trx: Knex, w: WriteContext) => Promise<void>;

export interface PlannedRow {
  row: number;
  action: ImportAction;
  /** The row as the preview shows it: column label → text. */
  display: Record<string, string>;
  write?: Write;
}

/**
 * Rows written together rather than one by one (a large file's new records): `count`
 * rows, after the rows' own writes; `tick(done)` reports progress and stops on cancel.
 */
export interface BatchWrite {
  count: number;
  write(trx: Knex, w: WriteContext, tick: (done: number) => Promise<void>): Promise<void>;
}

export interface KindPlan {
  rows: PlannedRow[];
  /** Errors without the sheet name; column is the column key. */
  errors: { row: number; column: string | null; message: string }[];
  /** Writes for rows planned without their own `write`. */
  batch?: BatchWrite;
}

export interface PlanOptions {
  today: string;
  /** Call after each row: reports progress, lets other work run, and stops on cancel. */
  tick: () => Promise<void>;
}

export interface RowKindSpec {
  label: string;
  columns: ColumnSpec[];
  /** Reads the database but never writes. */
  plan(db: Knex, rows: MappedRow[], options: PlanOptions): Promise<KindPlan>;
}

/** A file planned as a whole: errors already carry the sheet and the header as written. */
export interface FilePlan {
  sheet: string;
  headerRow: number;
  /** Headers as written in the file, in the kind's column order. */
  columns: string[];
  rows: PlannedRow[];
  errors: ImportRowError[];
  /** Runs after the rows' own writes, for what belongs to the file as a whole. */
  write?: Write;
  batch?: BatchWrite;
}

export interface FileKindSpec {
  label: string;
  columns: ColumnSpec[];
  planFile(
    db: Knex,
    file: { bytes: Uint8Array; fileName: string; sheet?: string },
    options: PlanOptions,
  ): Promise<FilePlan>;
}

export type ImportKindSpec = RowKindSpec | FileKindSpec;

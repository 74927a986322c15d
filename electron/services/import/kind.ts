// What every import kind provides to the shared machinery (index.ts): its columns, and how
// its rows become planned writes — read-only — and then real writes in one transaction.
import type { Knex } from 'knex';
import type { ImportAction } from '../../api/imports';
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

export interface PlannedRow {
  row: number;
  action: ImportAction;
  /** The row as the preview shows it: column label → text. */
  display: Record<string, string>;
  write?: (trx: Knex, w: WriteContext) => Promise<void>;
}

export interface KindPlan {
  rows: PlannedRow[];
  /** Errors without the sheet name; column is the column key. */
  errors: { row: number; column: string | null; message: string }[];
}

export interface ImportKindSpec {
  label: string;
  columns: ColumnSpec[];
  /** Reads the database but never writes; `tick` after each row (progress + cancel). */
  plan(db: Knex, rows: MappedRow[], options: { today: string; tick: () => void }): Promise<KindPlan>;
}

// Finds the header row of a sheet clerks filled in by hand: the first row in the top ten
// holding every required column, however spelled (synonyms, full-width spaces and
// parentheses, stray spaces, a trailing * marking a required column).
import { invalid } from '../../api/errors';
import type { CellValue, SheetRow } from './read-sheet';

export interface ColumnSpec {
  key: string;
  /** The column's name in the template. */
  label: string;
  /** Other spellings met in real files. */
  synonyms?: string[];
  required?: boolean;
  /** What to write in the column, for the blank template's 填写说明 sheet. */
  note?: string;
  /** The allowed words, offered as a dropdown in the blank template. */
  choices?: string[];
  /** An example value for the 填写说明 sheet. */
  example?: string;
}

export interface HeaderMatch {
  /** Excel row number of the header. */
  headerRow: number;
  /** Column key → its index and its header as written in the file. */
  columns: Map<string, { index: number; header: string }>;
}

const searchDepth = 10;

/** Full-width → half-width (NFKC), no spaces at all, no required-marker or colon. */
export function normaliseHeader(v: CellValue): string {
  return String(v ?? '')
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[*＊]+|[*＊:：]+$/g, '');
}

export function findHeader(rows: SheetRow[], specs: ColumnSpec[], sheet: string): HeaderMatch {
  const names = new Map<string, string>();
  for (const spec of specs) for (const n of [spec.label, ...(spec.synonyms ?? [])]) names.set(normaliseHeader(n), spec.key);
  const required = specs.filter((s) => s.required);
  let best: { missing: ColumnSpec[] } | null = null;
  for (const row of rows.slice(0, searchDepth)) {
    const columns = new Map<string, { index: number; header: string }>();
    row.cells.forEach((cell, index) => {
      // 完成时限（年月日）, 工作目标（年度）: a note in parentheses after a known name.
      const name = normaliseHeader(cell);
      const key = names.get(name) ?? names.get(name.replace(/\([^()]*\)$/, ''));
      if (key && !columns.has(key)) columns.set(key, { index, header: String(cell).trim() });
    });
    const missing = required.filter((s) => !columns.has(s.key));
    if (missing.length === 0) return { headerRow: row.row, columns };
    if (columns.size > 0 && (!best || missing.length < best.missing.length)) best = { missing };
  }
  const missing = (best?.missing ?? required).map((s) => s.label).join('、');
  throw invalid(
    `工作表“${sheet}”的前 ${searchDepth} 行中没有找到表头：缺少列 ${missing}。请检查表头是否与模板一致`,
  );
}

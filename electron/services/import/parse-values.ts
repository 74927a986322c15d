// Cell values as clerks type them, into what the ledger stores. Each parser returns the
// value, or a Chinese reason the row is reported with.
import { isRealDate } from '../../api/common';
import { isBlank, serialToDate, type CellValue } from './read-sheet';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** Trimmed text with full-width spaces removed at the ends; blank → null. */
export function parseText(v: CellValue): string | null {
  if (isBlank(v)) return null;
  if (v instanceof Date) return isoOf(v);
  return String(v).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * A date as YYYY-MM-DD: a real date cell, an Excel serial number, or text such as
 * 2024.3.5, 2024-03-05, 2024/3/5, 2024年3月5日 or 20240305.
 */
export function parseDate(v: CellValue): Parsed<string | null> {
  if (isBlank(v)) return ok(null);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? fail('日期无法识别') : ok(isoOf(v));
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 29991231) return parseDate(String(v));
    const d = serialToDate(v);
    return d ? ok(isoOf(d)) : fail(`“${v}”不是日期`);
  }
  const s = String(v).normalize('NFKC').replace(/\s+/g, '');
  const m = /^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isRealDate(iso) ? ok(iso) : fail(`日期“${s}”不存在`);
  }
  // A serial number stored as text.
  if (/^\d{5}(\.0+)?$/.test(s)) return parseDate(Number(s));
  return fail(`“${String(v).trim()}”不是日期，请写成 2024-03-05 或 2024年3月5日`);
}

/** A number, also when stored as text (with thousands separators or full-width digits). */
export function parseNumber(v: CellValue): Parsed<number | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'number') return ok(v);
  const s = String(v).normalize('NFKC').replace(/[\s,]/g, '');
  if (/^-?\d+(\.\d+)?$/.test(s)) return ok(Number(s));
  return fail(`“${String(v).trim()}”不是数字`);
}

/** 是/否 (and the ways people write them). */
export function parseYesNo(v: CellValue): Parsed<boolean | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'boolean') return ok(v);
  const s = String(v).normalize('NFKC').trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1', '√', '✓'].includes(s)) return ok(true);
  if (['否', 'n', 'no', 'false', '0', '×', 'x'].includes(s)) return ok(false);
  return fail(`“${String(v).trim()}”应填“是”或“否”`);
}

/** A status word from a kind's list of words (several words may mean one status). */
export function parseChoice<T extends string>(v: CellValue, words: Record<string, T>, shown?: string[]): Parsed<T | null> {
  if (isBlank(v)) return ok(null);
  const s = nameKey(String(v));
  const found = words[s];
  if (found) return ok(found);
  return fail(`“${String(v).trim()}”无法识别，应为 ${(shown ?? Object.keys(words)).join('、')} 之一`);
}

/** Names compare without spaces and with full-width characters folded. */
export function nameKey(s: string): string {
  // Printable ASCII and the common CJK ideographs are their own NFKC form: most names in a
  // file take this path, which copies nothing.
  if (!/[^\u0021-\u007e\u4e00-\u9fff]/.test(s)) return s;
  return s.normalize('NFKC').replace(/\s+/g, '');
}

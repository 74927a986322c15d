// School years and terms (domain.md): 2024-2025学年 第一学期 runs 1 September – 31 January,
// 第二学期 1 February – 31 July, by default; the boundaries are a setting. A term is named
// like 2024-2025-1 in code. Pure functions, shared by services and screens.
import type { TermBoundaries } from './settings';

export interface DateRange {
  from: string;
  to: string;
}

/** The term a date falls in, or null for the summer holiday (or any gap between terms). */
export function termOf(date: string, b: TermBoundaries): string | null {
  const year = Number(date.slice(0, 4));
  const md = date.slice(5);
  // First term spans the new year: September of `year` .. January of `year + 1`.
  if (md >= b.firstStart) return `${year}-${year + 1}-1`;
  if (md <= b.firstEnd) return `${year - 1}-${year}-1`;
  if (md >= b.secondStart && md <= b.secondEnd) return `${year - 1}-${year}-2`;
  return null;
}

export function termRange(term: string, b: TermBoundaries): DateRange {
  const [startYear, endYear, half] = parseTerm(term);
  return half === 1
    ? { from: `${startYear}-${b.firstStart}`, to: lastDay(endYear, b.firstEnd) }
    : { from: `${endYear}-${b.secondStart}`, to: lastDay(endYear, b.secondEnd) };
}

/** 2024-2025-1 → 2024-2025学年第一学期 */
export function termLabel(term: string): string {
  const [startYear, endYear, half] = parseTerm(term);
  return `${startYear}-${endYear}学年${half === 1 ? '第一' : '第二'}学期`;
}

/** Terms from the one containing `from` through the one containing `to`, newest first. */
export function termsBetween(from: string, to: string, b: TermBoundaries): string[] {
  const out: string[] = [];
  const firstYear = Number(from.slice(0, 4)) - 1;
  const lastYear = Number(to.slice(0, 4));
  for (let y = lastYear; y >= firstYear; y--) {
    for (const half of [2, 1] as const) {
      const term = `${y}-${y + 1}-${half}`;
      const r = termRange(term, b);
      if (r.to >= from && r.from <= to) out.push(term);
    }
  }
  return out;
}

/** The school year (2024-2025) a term belongs to. */
export function schoolYearOf(term: string): string {
  return term.slice(0, 9);
}

function parseTerm(term: string): [number, number, 1 | 2] {
  const m = /^(\d{4})-(\d{4})-([12])$/.exec(term);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw new Error(`学期格式不正确：${term}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]) as 1 | 2];
}

/** 02-29 in a non-leap year (or 02-30) clamps to the month's last day. */
function lastDay(year: number, monthDay: string): string {
  const month = Number(monthDay.slice(0, 2));
  const day = Number(monthDay.slice(3));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${monthDay.slice(0, 2)}-${String(Math.min(day, days)).padStart(2, '0')}`;
}

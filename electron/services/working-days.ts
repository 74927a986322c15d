// Working days in China: weekends off, statutory holidays off, 调休 make-up days on. The
// calendar comes from the maintained `chinese-days` package (data up to 2026); the clerk's
// corrections in 设置 override it, for years the package lags behind the State Council.
import { isWorkday as packageIsWorkday } from 'chinese-days';

export interface WorkdayCorrection {
  date: string;
  /** holiday: a weekday off; workday: a weekend day worked (调休上班). */
  kind: 'holiday' | 'workday';
}

function utc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Adds calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);
}

export function isWorkingDay(date: string, corrections: readonly WorkdayCorrection[] = []): boolean {
  const corrected = corrections.find((c) => c.date === date);
  if (corrected) return corrected.kind === 'workday';
  return packageIsWorkday(date);
}

/**
 * The deadline of "限期 n 个工作日": the n-th working day after the issue date (the issue
 * day itself does not count). n = 0 is the issue date.
 */
export function addWorkingDays(startDate: string, n: number, corrections: readonly WorkdayCorrection[] = []): string {
  let date = startDate;
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, corrections)) left -= 1;
  }
  return date;
}

// Dates as whole days (UTC day numbers) for cheap arithmetic, written out as YYYY-MM-DD.
// Terms follow the default boundaries of 设置: 第一学期 1 Sep – 31 Jan, 第二学期 1 Feb – 31 Jul.
import type { Rng } from './prng';

const DAY = 86_400_000;

export function day(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY);
}

export function parseDay(s: string): number {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return day(y, m, d);
}

const formatted = new Map<number, string>();

export function iso(n: number): string {
  let s = formatted.get(n);
  if (s === undefined) {
    s = new Date(n * DAY).toISOString().slice(0, 10);
    formatted.set(n, s);
  }
  return s;
}

export function yearOf(n: number): number {
  return new Date(n * DAY).getUTCFullYear();
}

export function monthOf(n: number): number {
  return new Date(n * DAY).getUTCMonth() + 1;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Moves a weekend day to the nearest Friday or Monday: schools meet on weekdays. */
export function onWeekday(n: number): number {
  const w = weekday(n);
  if (w === 6) return n - 1;
  if (w === 0) return n + 1;
  return n;
}

/** The local calendar date of an instant, as the clerk's ledger writes "today". */
export function localDay(d: Date): number {
  return day(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The school year (its first calendar year) a day belongs to: September starts it. */
export function schoolYearOf(n: number): number {
  const y = yearOf(n);
  return monthOf(n) >= 9 ? y : y - 1;
}

export function schoolYearName(start: number): string {
  return `${start}-${start + 1}`;
}

export interface Term {
  name: string;
  /** The term as 设置 bounds it. */
  start: number;
  end: number;
  /** The teaching weeks inside it, when joint activities actually happen. */
  teachFrom: number;
  teachTo: number;
}

export function term(schoolYear: number, half: 1 | 2): Term {
  const name = `${schoolYearName(schoolYear)}-${half}`;
  if (half === 1) {
    return {
      name,
      start: day(schoolYear, 9, 1),
      end: day(schoolYear + 1, 1, 31),
      teachFrom: day(schoolYear, 9, 4),
      teachTo: day(schoolYear + 1, 1, 14),
    };
  }
  return {
    name,
    start: day(schoolYear + 1, 2, 1),
    end: day(schoolYear + 1, 7, 31),
    teachFrom: day(schoolYear + 1, 2, 20),
    teachTo: day(schoolYear + 1, 7, 8),
  };
}

/** Every term that overlaps [from, to]. */
export function termsBetween(from: number, to: number): Term[] {
  const out: Term[] = [];
  for (let y = schoolYearOf(from) - 1; y <= schoolYearOf(to) + 1; y++) {
    for (const half of [1, 2] as const) {
      const t = term(y, half);
      if (t.end >= from && t.start <= to) out.push(t);
    }
  }
  return out;
}

/** A random day in [from, to] (inclusive); `from` when the range is empty. */
export function between(rng: Rng, from: number, to: number): number {
  if (to <= from) return from;
  return from + Math.floor(rng.next() * (to - from + 1));
}

/** A random weekday in [from, to], kept inside the range. */
export function workdayBetween(rng: Rng, from: number, to: number): number {
  const d = onWeekday(between(rng, from, to));
  return Math.min(Math.max(d, from), to);
}

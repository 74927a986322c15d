// The period a report covers, as dates and as the words printed on it. Counts at a date
// (coverage, the roster, overdue days) are taken at the end of the period, but never
// later than today: a year still running is reported as it stands.
import type { ReportPeriod } from '../../api/reports';
import type { TermBoundaries } from '../../api/settings';
import { termLabel, termRange } from '../../api/terms';

export interface ResolvedPeriod {
  from: string;
  to: string;
  /** The date counts are taken at. */
  asOf: string;
  /** Title prefix: 2024年 / 2024-2025学年第一学期 / 2024年3月1日至2024年6月30日 */
  label: string;
  /** 统计时段：… as printed under the title. */
  span: string;
  /** The calendar year, for reports by year. */
  year: number;
}

/** 2024-03-05 → 2024年3月5日 */
export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

export function resolvePeriod(p: ReportPeriod, terms: TermBoundaries, today: string): ResolvedPeriod {
  let from: string;
  let to: string;
  let label: string;
  if (p.type === 'year') {
    from = `${p.year}-01-01`;
    to = `${p.year}-12-31`;
    label = `${p.year}年`;
  } else if (p.type === 'term') {
    ({ from, to } = termRange(p.term, terms));
    label = termLabel(p.term);
  } else {
    ({ from, to } = p);
    label = `${chineseDate(from)}至${chineseDate(to)}`;
  }
  const asOf = to < today ? to : today < from ? from : today;
  return { from, to, asOf, label, span: `统计时段：${chineseDate(from)}—${chineseDate(to)}`, year: Number(from.slice(0, 4)) };
}

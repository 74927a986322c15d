// Filters shared by the alliance ledgers' lists: recent terms and years, and the label of
// an alliance chosen in the URL (so the picker shows its name before any search).
import { Select, type SelectProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo, type CSSProperties } from 'react';
import { defaultSettings } from '../../electron/api/settings';
import { termLabel, termRange, termsBetween, type DateRange } from '../../electron/api/terms';
import { useApi } from '../api/hooks';

/** Terms of the last six years and the coming one, newest first, by 设置's term boundaries. */
export function useRecentTerms(years = 6): { value: string; label: string }[] {
  const { data } = useApi('settings.get', {});
  const boundaries = data?.terms ?? defaultSettings.terms;
  return useMemo(() => {
    const to = dayjs().add(6, 'month').format('YYYY-MM-DD');
    const from = dayjs().subtract(years, 'year').format('YYYY-MM-DD');
    return termsBetween(from, to, boundaries).map((t) => ({ value: t, label: termLabel(t) }));
  }, [boundaries, years]);
}

/** The date range of a term (by 设置) or a calendar year, for summaries over a period. */
export function usePeriod(term: string | undefined, year: number | undefined): Partial<DateRange> {
  const { data } = useApi('settings.get', {});
  const boundaries = data?.terms ?? defaultSettings.terms;
  if (term && /^\d{4}-\d{4}-[12]$/.test(term)) return termRange(term, boundaries);
  if (year) return { from: `${year}-01-01`, to: `${year}-12-31` };
  return {};
}

type SelectBase = Omit<SelectProps<string>, 'options'>;

export function TermSelect({ extra, ...props }: SelectBase & { extra?: string | null }) {
  const terms = useRecentTerms();
  const options = extra && !terms.some((t) => t.value === extra) ? [{ value: extra, label: termLabel(extra) }, ...terms] : terms;
  return <Select placeholder="学期" options={options} style={{ width: 220 }} {...props} />;
}

/** Calendar years (年度), next year back through ten years. */
export function yearOptions(): { value: number; label: string }[] {
  const now = dayjs().year();
  return Array.from({ length: 11 }, (_, i) => now + 1 - i).map((y) => ({ value: y, label: `${y}年` }));
}

/** Labels for an alliance id already chosen (from the URL or a record), for AllianceSelect's `known`. */
export function useKnownAlliance(id: string | undefined, name?: string | null): { id: string; name: string }[] {
  const { data } = useApi('alliances.get', { id: id ?? '' }, { enabled: !!id && !name });
  if (!id) return [];
  if (name) return [{ id, name }];
  return data ? [{ id: data.id, name: data.name }] : [];
}

/** One picker for a period: a calendar year (年度) or a term (学期), kept in the URL as `year` or `term`. */
export function PeriodSelect({
  term,
  year,
  onChange,
  style,
}: {
  term: string | undefined;
  year: number | undefined;
  onChange: (period: { term?: string; year?: string }) => void;
  style?: CSSProperties;
}) {
  const terms = useRecentTerms();
  const value = term ? `t:${term}` : year ? `y:${year}` : undefined;
  return (
    <Select<string>
      allowClear
      placeholder="年度或学期"
      value={value}
      onChange={(v) =>
        onChange(v?.startsWith('t:') ? { term: v.slice(2), year: undefined } : v ? { year: v.slice(2), term: undefined } : { term: undefined, year: undefined })
      }
      options={[
        { label: '年度', options: yearOptions().map((y) => ({ value: `y:${y.value}`, label: y.label })) },
        { label: '学期', options: terms.map((t) => ({ value: `t:${t.value}`, label: t.label })) },
      ]}
      style={{ width: 210, ...style }}
    />
  );
}

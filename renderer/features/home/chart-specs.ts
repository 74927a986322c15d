// Each dashboard chart as data: what chart.js draws, the table of its numbers (shown in
// the exported workbook beside the image) and the filtered list a click on a bar or a
// slice opens. Pure functions of the summary, so every chart reads the SQL aggregates as is.
import type { ChartData, ChartOptions, ChartType, TooltipItem } from 'chart.js';
import type { DashboardSummary } from '../../../electron/api/dashboard';
import { activityCategories, exchangeKinds, rectificationStatuses } from '../../../electron/api/enums';
import type { TermBoundaries } from '../../../electron/api/settings';
import { termLabel, termOf } from '../../../electron/api/terms';
import { num, pct, pct1, seriesFills, spread } from './chart-setup';

export type Cell = string | number | null;

export interface ChartSpec {
  key: string;
  title: string;
  type: ChartType;
  data: ChartData;
  options: ChartOptions;
  height: number;
  table: { columns: string[]; rows: Cell[][] };
  /** The list a click on (dataset, index) opens, or null where nothing matches. */
  link(datasetIndex: number, index: number): string | null;
}

export interface SpecContext {
  summary: DashboardSummary;
  regionId: string | undefined;
  terms: TermBoundaries;
}

/** '/activities' + { term: '2024-2025-1', regionId: undefined } → '/activities?term=2024-2025-1' */
export function listLink(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const months = Array.from({ length: 12 }, (_, i) => i + 1);
const monthLabels = months.map((m) => `${m}月`);
const barBorder = { borderColor: '#333', borderWidth: 0.5 };

/** Tooltip line: 系列：1,234 (percent charts say so). */
const tooltipNumber = (suffix = '') => ({
  callbacks: {
    label: (item: TooltipItem<ChartType>) => `${item.dataset.label ?? item.label}：${suffix === '%' ? pct(Number(item.raw)) : `${num(Number(item.raw))}${suffix}`}`,
  },
});

export function coverageSpec({ summary }: SpecContext): ChartSpec {
  const rows = summary.coverage;
  const byCity = summary.coverageLevel === 'city';
  const [fill, line] = spread(3);
  const below = spread(9)[6]!;
  return {
    key: 'coverage',
    title: `${summary.year}年${byCity ? '各市' : '各县（市、区）'}联盟覆盖率`,
    type: 'bar',
    height: 320,
    data: {
      labels: rows.map((r) => r.regionName),
      datasets: [
        { type: 'bar', label: '覆盖率', data: rows.map((r) => r.rate ?? 0), backgroundColor: rows.map((r) => ((r.rate ?? 0) < summary.coverageTarget ? below : fill!)), ...barBorder, order: 2 },
        {
          type: 'line',
          label: `目标 ${summary.coverageTarget}%`,
          data: rows.map(() => summary.coverageTarget),
          borderColor: line,
          borderDash: [6, 4],
          borderWidth: 2,
          pointRadius: 0,
          order: 1,
        },
      ],
    } as ChartData,
    options: {
      scales: {
        y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` }, title: { display: true, text: '覆盖率（%）' } },
        x: { ticks: { autoSkip: false, maxRotation: 90, font: { size: rows.length > 40 ? 9 : 12 } } },
      },
      plugins: {
        // The bars take two fills (reached / below the target), which the legend names.
        legend: {
          onClick: () => undefined,
          labels: {
            generateLabels: () => [
              { text: '达到目标', fillStyle: fill, strokeStyle: '#333', lineWidth: 0.5 },
              { text: '未达目标', fillStyle: below, strokeStyle: '#333', lineWidth: 0.5 },
              { text: `目标 ${summary.coverageTarget}%`, fillStyle: '#fff', strokeStyle: line, lineWidth: 2, lineDash: [6, 4] },
            ],
          },
        },
        tooltip: {
          callbacks: {
            label: (item) => {
              if (item.datasetIndex === 1) return `目标：${pct(summary.coverageTarget)}`;
              const r = rows[item.dataIndex]!;
              return `覆盖率：${pct(r.rate)}（${num(r.covered)} / ${num(r.schools)} 所）`;
            },
          },
        },
      },
    },
    table: {
      columns: [byCity ? '市' : '县（市、区）', '学校总数', '参与联盟学校数', '覆盖率(%)'],
      rows: rows.map((r) => [r.regionName, r.schools, r.covered, r.rate === null ? null : Math.round(r.rate * 10) / 10]),
    },
    // A city's bar opens the dashboard of that city (its counties); a county's its schools.
    link: (ds, i) =>
      ds === 0 && rows[i] ? (byCity ? listLink('/', { year: summary.year, regionId: rows[i]!.regionId }) : listLink('/schools', { regionId: rows[i]!.regionId })) : null,
  };
}

export function activitiesSpec({ summary, regionId, terms }: SpecContext): ChartSpec {
  const categories = activityCategories.codes;
  const count = new Map(summary.activities.map((a) => [`${a.month}:${a.category}`, a.count]));
  const fills = seriesFills(categories.length);
  const series = categories.map((c) => months.map((m) => count.get(`${m}:${c}`) ?? 0));
  const termOfMonth = (m: number) => termOf(`${summary.year}-${String(m).padStart(2, '0')}-15`, terms) ?? undefined;
  return {
    key: 'activities',
    title: `${summary.year}年交流活动（按月份、类别）`,
    type: 'bar',
    height: 340,
    data: {
      labels: monthLabels,
      datasets: categories.map((c, i) => ({ label: activityCategories.label(c), data: series[i]!, backgroundColor: fills[i]!, ...barBorder })),
    } as ChartData,
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, ticks: { callback: (v) => num(Number(v)) }, title: { display: true, text: '活动次数' } } },
      plugins: { tooltip: { mode: 'index', ...tooltipNumber(' 次'), footer: undefined }, legend: { position: 'bottom' } },
    } as ChartOptions,
    table: {
      columns: ['月份', ...categories.map((c) => activityCategories.label(c)), '合计'],
      rows: months.map((m, mi) => {
        const values = categories.map((_, ci) => series[ci]![mi]!);
        return [`${m}月`, ...values, values.reduce((a, b) => a + b, 0)];
      }),
    },
    link: (ds, i) => listLink('/activities', { category: categories[ds], term: termOfMonth(i + 1), regionId }),
  };
}

export function quotaSpec({ summary, regionId }: SpecContext): ChartSpec {
  const { activitiesPerTerm, visitsPerTerm } = summary.quotas;
  const terms = summary.quotaTerms;
  const fills = seriesFills(3);
  const series = [
    { label: `交流活动达标（≥${activitiesPerTerm}次）`, values: terms.map((t) => pct1(t.meetActivities, t.alliances)), visit: undefined },
    { label: `领导互访达标（≥${visitsPerTerm}次）`, values: terms.map((t) => pct1(t.meetVisits, t.alliances)), visit: '1' },
    { label: '两项均达标', values: terms.map((t) => pct1(t.meetBoth, t.alliances)), visit: undefined },
  ];
  return {
    key: 'quotas',
    title: '各学期联盟活动次数达标情况',
    type: 'bar',
    height: 300,
    data: {
      // Two lines (学年 / 学期) so three terms fit side by side unrotated.
      labels: terms.map((t) => termLabel(t.term).split(/(?<=学年)/)),
      datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: fills[i]!, ...barBorder })),
    } as ChartData,
    options: {
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` }, title: { display: true, text: '达标联盟占比（%）' } } },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const t = terms[item.dataIndex]!;
              const met = [t.meetActivities, t.meetVisits, t.meetBoth][item.datasetIndex]!;
              return `${item.dataset.label}：${pct(Number(item.raw))}（${num(met)} / ${num(t.alliances)} 个联盟）`;
            },
          },
        },
        legend: { position: 'bottom' },
      },
    },
    table: {
      columns: ['学期', '运行联盟数', '活动次数达标', '领导互访达标', '两项均达标', '两项均达标占比(%)'],
      rows: terms.map((t) => [termLabel(t.term), t.alliances, t.meetActivities, t.meetVisits, t.meetBoth, pct1(t.meetBoth, t.alliances)]),
    },
    link: (ds, i) => (terms[i] ? listLink('/activities', { term: terms[i]!.term, leadershipVisit: series[ds]?.visit, regionId }) : null),
  };
}

export function exchangesSpec({ summary, regionId }: SpecContext): ChartSpec {
  const rows = summary.exchanges;
  const [dark, light] = seriesFills(2);
  return {
    key: 'exchanges',
    title: `${summary.year}年教师交流（按交流类型）`,
    type: 'bar',
    height: 300,
    data: {
      labels: rows.map((r) => exchangeKinds.label(r.kind)),
      datasets: [
        { label: '人数', data: rows.map((r) => r.teachers), backgroundColor: dark!, yAxisID: 'people', ...barBorder },
        { label: '天数', data: rows.map((r) => r.days), backgroundColor: light!, yAxisID: 'days', ...barBorder },
      ],
    } as ChartData,
    options: {
      scales: {
        people: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: '人数' }, ticks: { callback: (v) => num(Number(v)) } },
        days: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: '天数' }, ticks: { callback: (v) => num(Number(v)) } },
      },
      plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label}：${num(Number(item.raw))}${item.datasetIndex === 0 ? ' 人' : ' 天'}` } }, legend: { position: 'bottom' } },
    } as ChartOptions,
    table: {
      columns: ['交流类型', '人数', '人次', '天数', '课时/小时'],
      rows: rows.map((r) => [exchangeKinds.label(r.kind), r.teachers, r.exchanges, r.days, r.hours]),
    },
    link: (_ds, i) => (rows[i] ? listLink('/teacher-exchanges', { kind: rows[i]!.kind, year: summary.year, regionId }) : null),
  };
}

export function scoresSpec({ summary, regionId }: SpecContext): ChartSpec | null {
  const e = summary.evaluation;
  if (!e) return null;
  const label = (b: { from: number; to: number }, i: number) => `${num(b.from)}–${num(b.to)}${i === e.bins.length - 1 ? '' : '以下'}`;
  return {
    key: 'scores',
    title: `${summary.year}年考核得分分布`,
    type: 'bar',
    height: 280,
    data: {
      labels: e.bins.map((b, i) => (i === e.bins.length - 1 ? `${num(b.from)}–${num(b.to)}` : `${num(b.from)}–${num(b.to)}`)),
      datasets: [{ label: '评价数', data: e.bins.map((b) => b.count), backgroundColor: spread(3)[1]!, ...barBorder }],
    } as ChartData,
    options: {
      scales: { x: { title: { display: true, text: `总分（满分 ${num(e.totalScore)}）` } }, y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: '评价数' } } },
      plugins: { legend: { display: false }, tooltip: tooltipNumber(' 份') },
    },
    table: { columns: ['总分区间', '评价数'], rows: e.bins.map((b, i) => [label(b, i), b.count]) },
    link: () => listLink('/evaluations', { year: summary.year, templateId: e.templateId, tab: 'results', regionId }),
  };
}

export function gradesSpec({ summary, regionId }: SpecContext): ChartSpec | null {
  const e = summary.evaluation;
  if (!e) return null;
  const fills = seriesFills(Math.max(2, e.grades.length));
  return {
    key: 'grades',
    title: `${summary.year}年考核等次`,
    type: 'doughnut',
    height: 280,
    data: {
      labels: e.grades.map((g) => g.grade),
      datasets: [{ label: '评价数', data: e.grades.map((g) => g.count), backgroundColor: fills.slice(0, e.grades.length), borderColor: '#fff', borderWidth: 1 }],
    } as ChartData,
    options: {
      plugins: {
        legend: { position: 'right' },
        tooltip: {
          callbacks: {
            label: (item) => `${item.label}：${num(Number(item.raw))} 份（${pct(pct1(Number(item.raw), e.evaluated))}）`,
          },
        },
      },
    } as ChartOptions,
    table: { columns: ['等次', '评价数', '占比(%)'], rows: e.grades.map((g) => [g.grade, g.count, pct1(g.count, e.evaluated)]) },
    link: () => listLink('/evaluations', { year: summary.year, templateId: e.templateId, tab: 'results', regionId }),
  };
}

export function rectificationsSpec({ summary }: SpecContext): ChartSpec {
  const r = summary.rectifications;
  const bars = [
    ...rectificationStatuses.codes.map((s) => ({ label: rectificationStatuses.label(s), value: r[s], link: listLink('/supervisions/rectifications', { status: s }) })),
    { label: '已逾期', value: r.overdue, link: listLink('/supervisions/rectifications', { due: 'overdue' }) },
  ];
  return {
    key: 'rectifications',
    title: `${summary.year}年下发的整改通知书（按状态）`,
    type: 'bar',
    height: 280,
    data: {
      labels: bars.map((b) => b.label),
      datasets: [{ label: '通知书', data: bars.map((b) => b.value), backgroundColor: seriesFills(bars.length), ...barBorder }],
    } as ChartData,
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: '份数' } } },
      plugins: { legend: { display: false }, tooltip: tooltipNumber(' 份') },
    },
    table: { columns: ['状态', '份数'], rows: bars.map((b) => [b.label, b.value]) },
    link: (_ds, i) => bars[i]?.link ?? null,
  };
}

export function allSpecs(ctx: SpecContext): ChartSpec[] {
  return [coverageSpec(ctx), activitiesSpec(ctx), quotaSpec(ctx), exchangesSpec(ctx), rectificationsSpec(ctx), scoresSpec(ctx), gradesSpec(ctx)].filter(
    (s): s is ChartSpec => s !== null,
  );
}

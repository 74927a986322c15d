// 首页 dashboard: the headline numbers and the charts' data for a calendar year (and
// optionally one county or city), every figure an SQL aggregate; and 导出图表, which puts
// the charts as drawn on screen into a 图表 workbook beside their numbers.
import { z } from 'zod';
import { id, type FilePayload } from './common';
import { def } from './define';
import type { ActivityCategory, ExchangeKind } from './enums';
import { evaluationYear, type YearTemplate } from './evaluations';
import type { RectificationStatus } from './supervisions';

export const dashboardQuery = z.object({
  year: evaluationYear,
  regionId: id.optional(),
  /** The evaluation template whose scores are charted; by default the year's most used one. */
  templateId: id.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export interface CoverageBar {
  regionId: string;
  regionName: string;
  schools: number;
  covered: number;
  /** Percent with two decimals; null when the county has no schools of the stages. */
  rate: number | null;
}

export interface QuotaTerm {
  term: string;
  /** Alliances active during the term (in the region). */
  alliances: number;
  meetActivities: number;
  meetVisits: number;
  meetBoth: number;
}

export interface ExchangeKindTally {
  kind: ExchangeKind;
  /** 人数: a teacher counted once per kind (same name from the same school). */
  teachers: number;
  exchanges: number;
  days: number;
  hours: number;
}

export interface ScoreBin {
  /** Lower bound (inclusive) in the template's points; the last bin includes the total. */
  from: number;
  to: number;
  count: number;
}

export interface DashboardEvaluation {
  templates: YearTemplate[];
  templateId: string;
  templateName: string;
  version: number;
  totalScore: number;
  /** Submitted and locked evaluations counted (drafts have no grade). */
  evaluated: number;
  drafts: number;
  bins: ScoreBin[];
  /** Highest band first, then 未达等次 when some total falls below every band. */
  grades: { grade: string; count: number }[];
}

export interface DashboardSummary {
  year: number;
  /** The date counts are taken at: the end of the year, or today while it runs. */
  asOf: string;
  today: string;
  coverageTarget: number;
  quotas: { activitiesPerTerm: number; visitsPerTerm: number };
  headline: {
    schools: number;
    covered: number;
    coverageRate: number | null;
    alliances: number;
    /** The term holding asOf, or the last one that ended before it (summer holiday). */
    term: string | null;
    termActivities: number;
    exchangeTeachers: number;
    exchangeHours: number;
    exchangeDays: number;
    openRectifications: number;
    overdueRectifications: number;
  };
  /** Per county; with more counties than a chart can label (a province), per city instead. */
  coverage: CoverageBar[];
  coverageLevel: 'county' | 'city';
  /** Activities dated in the year, by month (1–12) and category. */
  activities: { month: number; category: ActivityCategory; count: number }[];
  /** Terms overlapping the year that have begun, oldest first. */
  quotaTerms: QuotaTerm[];
  exchanges: ExchangeKindTally[];
  evaluation: DashboardEvaluation | null;
  /** Notices issued in the year: by status, and those past their deadline not yet verified. */
  rectifications: Record<RectificationStatus, number> & { overdue: number };
}

const cell = z.union([z.string().max(500), z.number(), z.null()]);

export const chartExport = z.object({
  title: z.string().trim().min(1, '缺少图表标题').max(100, '图表标题过长'),
  pngBase64: z
    .string({ message: '缺少图表图片' })
    .min(1, '缺少图表图片')
    .max(10_000_000, '图表图片过大')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '图表图片格式不正确'),
  table: z.object({
    columns: z.array(z.string().max(100)).min(1, '缺少数据列').max(30, '数据列过多'),
    rows: z.array(z.array(cell).max(30)).max(500, '数据行过多'),
  }),
});

export const chartsExportInput = z.object({
  /** The workbook's title and file name, e.g. 2025年教育联盟工作概览. */
  title: z.string().trim().min(1, '缺少标题').max(100, '标题过长'),
  charts: z.array(chartExport).min(1, '没有可导出的图表').max(12, '图表过多'),
});
export type ChartsExportInput = z.infer<typeof chartsExportInput>;

export const dashboardContract = {
  'dashboard.summary': def(dashboardQuery).returns<DashboardSummary>(),
  'dashboard.exportCharts': def(chartsExportInput).returns<FilePayload>(),
} as const;

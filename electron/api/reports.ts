// 报表导出: the Excel workbooks a bureau hands upward (domain.md, "The reports bureaus hand
// upward"). A report is chosen with a period (calendar year, term or from–to), optionally a
// county and an alliance kind; the screen previews the first rows, and the export writes
// the whole workbook as long work that reports progress and can be cancelled.
import { z } from 'zod';
import { id, isoDate, type FilePayload } from './common';
import { def } from './define';
import { allianceKinds } from './enums';

export const reportLabels = {
  coverage: '覆盖情况统计表',
  activities: '交流活动台账',
  'teacher-exchanges': '教师交流情况统计表',
  evaluation: '年度考核结果汇总表',
  supervision: '督导整改台账',
  problems: '问题清单台账',
  roster: '联盟名册',
  'annual-package': '年度报送包',
} as const;
export type ReportKind = keyof typeof reportLabels;
export const reportKinds = Object.keys(reportLabels) as [ReportKind, ...ReportKind[]];

const year = z
  .number({ message: '年度应为四位年份' })
  .int('年度应为四位年份')
  .min(2000, '年度不能早于 2000 年')
  .max(2100, '年度不能晚于 2100 年');

const term = z
  .string({ message: '请选择学期' })
  .regex(/^\d{4}-\d{4}-[12]$/, '学期格式应为 2024-2025-1')
  .refine((t) => Number(t.slice(5, 9)) === Number(t.slice(0, 4)) + 1, '学期的两个年份应相邻，例如 2024-2025-1');

export const reportPeriod = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('year'), year }),
    z.object({ type: z.literal('term'), term }),
    z
      .object({ type: z.literal('range'), from: isoDate, to: isoDate })
      .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] }),
  ],
  { message: '请选择统计时段（年度、学期或起止日期）' },
);
export type ReportPeriod = z.infer<typeof reportPeriod>;

export const reportRequest = z
  .object({
    report: z.enum(reportKinds, { message: '请选择报表' }),
    period: reportPeriod,
    /** A county (or any region: the counties below it). */
    regionId: id.optional(),
    allianceKind: allianceKinds.schema.optional(),
    /** The evaluation template whose results the 年度考核结果汇总表 shows. */
    templateId: id.optional(),
  })
  .superRefine((r, c) => {
    if ((r.report === 'evaluation' || r.report === 'annual-package') && r.period.type !== 'year') {
      c.addIssue({ code: 'custom', path: ['period'], message: `${reportLabels[r.report]}按年度统计，请选择年度` });
    }
  });
export type ReportRequest = z.infer<typeof reportRequest>;

export type ReportCell = string | number | null;

export interface ReportPreview {
  title: string;
  /** 填报单位 and 统计时段, as printed under the title. */
  subtitle: string;
  /** Leaf headers, 序号 first. */
  columns: string[];
  /** The first rows as the workbook shows them (dates as YYYY-MM-DD). */
  rows: ReportCell[][];
  /** All data rows of the report (of its first sheet). */
  total: number;
  /** The workbook's sheets with their row counts (several for the 年度报送包). */
  sheets: { name: string; rows: number }[];
}

export const reportsContract = {
  'reports.preview': def(reportRequest).returns<ReportPreview>(),
  'reports.export': def(reportRequest).returns<FilePayload>({ long: true }),
} as const;

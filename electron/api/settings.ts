import { z } from 'zod';
import { def } from './define';

/** Month-day, e.g. 09-01. */
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD，例如 09-01');

/**
 * Term boundaries (domain.md): 第一学期 runs 1 September – 31 January, 第二学期
 * 1 February – 31 July; the summer holiday belongs to no term.
 */
export const termBoundaries = z
  .object({ firstStart: monthDay, firstEnd: monthDay, secondStart: monthDay, secondEnd: monthDay })
  .refine((t) => t.secondStart > t.firstEnd, { message: '第二学期开始应晚于第一学期结束', path: ['secondStart'] })
  .refine((t) => t.secondEnd > t.secondStart, { message: '第二学期结束应晚于开始', path: ['secondEnd'] })
  .refine((t) => t.firstStart > t.secondEnd, { message: '第一学期开始应晚于第二学期结束', path: ['firstStart'] });
export type TermBoundaries = z.infer<typeof termBoundaries>;

const settingsFields = z.object({
  /** 填报单位, printed on every report. */
  reportingUnit: z.string().trim().max(100, '填报单位不能超过100个字'),
  /** The operator's name, written into the audit log. */
  operatorName: z.string().trim().max(50, '操作人姓名不能超过50个字'),
  /** The bureau's own region, chosen at first run. */
  homeRegionId: z.string().nullable(),
  terms: termBoundaries,
  /** Bureau-defined additions to the built-in lists. */
  extraModes: z.array(z.string().trim().min(1).max(20)).max(50),
  extraActivityForms: z.array(z.string().trim().min(1).max(20)).max(50),
  /** 覆盖率 target, percent. */
  coverageTarget: z.number({ message: '覆盖率目标应为数字' }).min(0).max(100),
  /** Annual-plan due date within the school year, month-day (default 31 October). */
  annualPlanDue: monthDay,
  /** Evaluation deadline each year, month-day (default 31 December). */
  evaluationDeadline: monthDay,
});
export type Settings = z.infer<typeof settingsFields>;

/** An update names only the settings it changes. */
export const settingsPatch = settingsFields.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatch>;

export const defaultSettings: Settings = {
  reportingUnit: '',
  operatorName: '',
  homeRegionId: null,
  terms: { firstStart: '09-01', firstEnd: '01-31', secondStart: '02-01', secondEnd: '07-31' },
  extraModes: [],
  extraActivityForms: [],
  coverageTarget: 85,
  annualPlanDue: '10-31',
  evaluationDeadline: '12-31',
};

export const settingsContract = {
  'settings.get': def(z.object({}).default({})).returns<Settings>(),
  'settings.update': def(settingsPatch).returns<Settings>(),
} as const;

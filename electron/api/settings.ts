import { z } from 'zod';
import { id, isoDate, rowVersion } from './common';
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

const ruleSetting = z.object({
  enabled: z.boolean({ message: '请选择是否启用' }),
  days: z
    .number({ message: '天数应为数字' })
    .int('天数应为整数')
    .min(0, '天数不能为负数')
    .max(366, '天数不能超过366'),
});
const quotaNumber = (label: string) =>
  z.number({ message: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(100, `${label}不能超过100`);

export const reminderRuleNames = [
  'deadlineProblem',
  'deadlineRectification',
  'quotaActivities',
  'quotaVisits',
  'cooperationProject',
  'implementationPlan',
  'annualPlan',
  'evaluationDraft',
  'manual',
] as const;
export type ReminderRuleName = (typeof reminderRuleNames)[number];

export const reminderRulesSchema = z.object({
  ...(Object.fromEntries(reminderRuleNames.map((n) => [n, ruleSetting])) as Record<ReminderRuleName, typeof ruleSetting>),
  quotas: z.object({ activitiesPerTerm: quotaNumber('每学期活动次数'), visitsPerTerm: quotaNumber('每学期领导互访次数') }),
});
export type ReminderRules = z.infer<typeof reminderRulesSchema>;

export const defaultReminderRules: ReminderRules = {
  deadlineProblem: { enabled: true, days: 14 },
  deadlineRectification: { enabled: true, days: 14 },
  quotaActivities: { enabled: true, days: 14 },
  quotaVisits: { enabled: true, days: 14 },
  /** Due soon from 1 December: the year ends within 30 days. */
  cooperationProject: { enabled: true, days: 30 },
  /** Filed within 30 days of the alliance's establishment. */
  implementationPlan: { enabled: true, days: 30 },
  annualPlan: { enabled: true, days: 14 },
  evaluationDraft: { enabled: true, days: 14 },
  manual: { enabled: true, days: 14 },
  quotas: { activitiesPerTerm: 2, visitsPerTerm: 1 },
};

/** Stored rules over the defaults, so a rule added later gets its default. */
export function withDefaultRules(stored: Partial<ReminderRules> | undefined): ReminderRules {
  const out = { ...defaultReminderRules, ...(stored ?? {}) } as ReminderRules;
  out.quotas = { ...defaultReminderRules.quotas, ...(stored?.quotas ?? {}) };
  return out;
}

/** One corrected day of the working-day calendar. */
const workdayCorrection = z.object({
  date: isoDate,
  /** holiday: a weekday off (放假); workday: a weekend day worked (调休上班). */
  kind: z.enum(['holiday', 'workday'], { message: '请选择放假或调休上班' }),
});
const workdayCorrections = z
  .array(workdayCorrection)
  .max(1000, '日历调整最多 1000 天')
  .refine((list) => new Set(list.map((c) => c.date)).size === list.length, '日历调整中有重复的日期');

const keepCount = (label: string) =>
  z.number({ message: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(365, `${label}不能超过365`);

/** 备份策略: automatic backups (at start-up and after each day of use) and how many are kept. */
export const backupPolicy = z.object({
  autoBackup: z.boolean({ message: '请选择是否自动备份' }),
  /** The newest backup of each of this many days is kept… */
  keepDaily: keepCount('按天保留份数'),
  /** …and the newest of each of this many weeks. */
  keepWeekly: keepCount('按周保留份数'),
});
export type BackupPolicy = z.infer<typeof backupPolicy>;
export const defaultBackupPolicy: BackupPolicy = { autoBackup: true, keepDaily: 7, keepWeekly: 4 };

const settingsFields = z.object({
  /** 填报单位, printed on every report. */
  reportingUnit: z.string().trim().max(100, '填报单位不能超过100个字'),
  /** The operator's name, written into the audit log. */
  operatorName: z.string().trim().max(50, '操作人姓名不能超过50个字'),
  /** The bureau's own region, chosen at first run. */
  homeRegionId: id.nullable(),
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
  /** 提醒规则: each reminder rule on/off with its threshold in days, and the term quotas. */
  reminderRules: reminderRulesSchema,
  /** Corrections to the holiday calendar (放假 / 调休上班), overriding the built-in one. */
  workdayCorrections,
  backup: backupPolicy,
});
export type Settings = z.infer<typeof settingsFields>;

/** An update names only the settings it changes. */
export const settingsPatch = settingsFields.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatch>;

/**
 * The 设置 form saves every field it shows, so it names the settings version it loaded
 * (此记录已被他人修改 when a colleague saved in between); a control that changes one
 * setting of its own (提醒规则, 自动备份) may leave it out.
 */
export const settingsUpdate = settingsFields.partial().extend({ rowVersion: rowVersion.optional() }).strict();

/** The settings with the version the 设置 form sends back when it saves. */
export type VersionedSettings = Settings & { rowVersion: number };

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
  reminderRules: defaultReminderRules,
  workdayCorrections: [],
  backup: defaultBackupPolicy,
};

export const settingsContract = {
  'settings.get': def(z.object({}).default({})).returns<VersionedSettings>(),
  'settings.update': def(settingsUpdate).returns<VersionedSettings>(),
} as const;

// 提醒中心 (domain.md, "Rules a bureau enforces"): reminders are derived from the data for a
// day; only the clerk's decisions about them (done / snoozed, per key) and reminders written
// by hand are stored.
import { z } from 'zod';
import { id, isoDate, optionalText, text, versionedUpdate } from './common';
import { def } from './define';

export const reminderRules = [
  'deadline-problem',
  'deadline-rectification',
  'rectification-verify',
  'quota-activities',
  'quota-visits',
  'cooperation-project',
  'implementation-plan',
  'annual-plan',
  'evaluation-draft',
  'manual',
] as const;
export type ReminderRule = (typeof reminderRules)[number];

export const reminderRuleLabels: Record<ReminderRule, string> = {
  'deadline-problem': '问题整改期限',
  'deadline-rectification': '整改通知期限',
  'rectification-verify': '整改待复查',
  'quota-activities': '学期交流活动次数',
  'quota-visits': '学期领导互访次数',
  'cooperation-project': '年度合作项目',
  'implementation-plan': '实施方案备案',
  'annual-plan': '年度实施计划备案',
  'evaluation-draft': '考核评价未提交',
  manual: '手工提醒',
};

export type ReminderSeverity = 'overdue' | 'due_soon' | 'notice';
export const severityLabels: Record<ReminderSeverity, string> = {
  overdue: '已逾期',
  due_soon: '即将到期',
  notice: '提示',
};

/** The kind of record a reminder points to. */
export type ReminderEntity = 'problem' | 'rectification' | 'alliance' | 'evaluation' | 'manual_reminder';

export type ReminderState = 'open' | 'done' | 'snoozed';

export interface Reminder {
  /** rule:recordId[:term|year] — stable, so done or snoozed sticks to this one occasion. */
  key: string;
  rule: ReminderRule;
  severity: ReminderSeverity;
  dueOn: string;
  entity: ReminderEntity;
  recordId: string;
  /** For rectifications: the supervision the notice belongs to. */
  parentId: string | null;
  allianceId: string | null;
  allianceName: string | null;
  /** The term (2024-2025-1) or year (2026, 2025-2026) the reminder concerns, if any. */
  period: string | null;
  /** What to do, in Chinese. */
  message: string;
  state: ReminderState;
  snoozedUntil: string | null;
  note: string | null;
}

export interface ReminderCounts {
  overdue: number;
  dueSoon: number;
  notice: number;
}

export interface ManualReminder {
  id: string;
  title: string;
  dueOn: string;
  note: string | null;
  /** The row version an edit names (optimistic locking). */
  rowVersion: number;
}

const key = z.string({ message: '缺少提醒编号' }).trim().min(1, '缺少提醒编号').max(200, '提醒编号过长');

export const manualReminderDraft = z.object({
  title: text('提醒内容', 200),
  dueOn: isoDate,
  note: optionalText('备注', 2000),
});
export type ManualReminderDraft = z.infer<typeof manualReminderDraft>;

export const remindersContract = {
  'reminders.forDay': def(
    z.object({ today: isoDate.optional(), includeHandled: z.boolean().optional() }).default({}),
  ).returns<Reminder[]>(),
  'reminders.counts': def(z.object({ today: isoDate.optional() }).default({})).returns<ReminderCounts>(),
  'reminders.markDone': def(z.object({ key, note: optionalText('备注', 2000) })).returns<{ key: string }>(),
  'reminders.snooze': def(z.object({ key, until: isoDate })).returns<{ key: string }>(),
  'reminders.reopen': def(z.object({ key })).returns<{ key: string }>(),
  'reminders.addManual': def(manualReminderDraft).returns<ManualReminder>(),
  'reminders.updateManual': def(versionedUpdate(manualReminderDraft)).returns<ManualReminder>(),
  'reminders.deleteManual': def(z.object({ id })).returns<{ id: string }>(),
} as const;

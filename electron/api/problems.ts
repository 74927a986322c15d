// 问题清单: each alliance's list of problems with a goal, measures, stage tasks, a
// deadline (完成时限) and an owner (责任人). "Overdue" is never stored: it is derived from
// the deadline and today, in SQL, so lists filter and sort by it.
import { z } from 'zod';
import { id, isRealDate, optionalText, pageQuery, text, type Page, type RecordMeta, versionedUpdate, rowVersion } from './common';
import { def } from './define';
import { problemStatuses } from './enums';
import { chosen } from './ledger-fields';

export type ProblemStatus = (typeof problemStatuses.codes)[number];

export interface Problem extends RecordMeta {
  allianceId: string;
  allianceName: string;
  schoolId: string | null;
  schoolName: string | null;
  description: string;
  goal: string | null;
  measures: string | null;
  stageTasks: string | null;
  dueOn: string;
  owner: string;
  status: ProblemStatus;
  doneOn: string | null;
  verificationNote: string | null;
  /** Derived: today − due when not done and due before today; else null. */
  overdueDays: number | null;
  /** Derived: due − today (negative when overdue) while not done; null once done. */
  dueInDays: number | null;
}

/** A required date with the field's own Chinese message when it is missing. */
const requiredDate = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((s) => isRealDate(s), `${label}不存在`);

const optionalSchool = z
  .union([z.literal(''), z.uuid({ message: '学校编号格式不正确' })])
  .nullish()
  .transform((s) => (s ? s : null));

export const problemDraft = z
  .object({
    allianceId: chosen('联盟'),
    schoolId: optionalSchool,
    description: text('问题', 2000),
    goal: optionalText('工作目标'),
    measures: optionalText('工作措施'),
    stageTasks: optionalText('阶段任务'),
    dueOn: requiredDate('完成时限'),
    owner: text('责任人', 50),
    status: problemStatuses.schema.default('open'),
    doneOn: requiredDate('完成日期').nullish().transform((s) => s ?? null),
    verificationNote: optionalText('复查意见'),
  })
  .refine((d) => d.status !== 'done' || d.doneOn !== null, { message: '已完成的问题请填写完成日期', path: ['doneOn'] })
  // A problem not yet done has no done date or verification.
  .transform((d) => (d.status === 'done' ? d : { ...d, doneOn: null, verificationNote: null }));
export type ProblemDraft = z.infer<typeof problemDraft>;

export const problemSortKeys = ['dueOn', 'status', 'alliance', 'updatedAt'] as const;

export const problemListQuery = z.object({
  ...pageQuery,
  /** Matches the problem, the goal or the owner. */
  search: z.string().trim().max(100).optional(),
  allianceId: id.optional(),
  schoolId: id.optional(),
  /** Problems whose school, or (without a school) whose alliance, lies in this region or below. */
  regionId: id.optional(),
  owner: z.string().trim().max(50).optional(),
  status: problemStatuses.schema.optional(),
  /** true: due before today and not done; false: everything else. */
  overdue: z.boolean({ message: '逾期筛选应为是或否' }).optional(),
  /** Not done, due today or within the next N days. */
  dueWithinDays: z
    .number({ message: '天数应为数字' })
    .int('天数应为整数')
    .min(0, '天数不能为负数')
    .max(3650, '天数不能超过3650')
    .optional(),
  sortBy: z.enum(problemSortKeys).default('dueOn'),
});
export type ProblemListQuery = z.infer<typeof problemListQuery>;

export const problemCloseInput = z.object({
  id,
  rowVersion,
  doneOn: requiredDate('完成日期'),
  verificationNote: optionalText('复查意见'),
});
export type ProblemCloseInput = z.infer<typeof problemCloseInput>;

export const problemsContract = {
  'problems.list': def(problemListQuery).returns<Page<Problem>>(),
  'problems.get': def(z.object({ id })).returns<Problem>(),
  'problems.create': def(problemDraft).returns<Problem>(),
  'problems.update': def(versionedUpdate(problemDraft)).returns<Problem>(),
  'problems.delete': def(z.object({ id })).returns<{ id: string }>(),
  /** 销号: marks the problem done on a date (not in the future) with the verification note. */
  'problems.close': def(problemCloseInput).returns<Problem>(),
  /** Back to 未完成, clearing the done date and verification. */
  'problems.reopen': def(z.object({ id })).returns<Problem>(),
} as const;

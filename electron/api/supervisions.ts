// 督导: an inspection of an alliance, a school or a county, with its 整改通知书 (notices
// with a deadline that move issued → reported → verified) and its 约谈 (formal talks).
import { z } from 'zod';
import { id, isoDate, optionalText, pageQuery, sortOrder, text, type Page, type RecordMeta, versionedUpdate } from './common';
import { def } from './define';
import {
  rectificationStatuses,
  supervisionConclusions,
  supervisionKinds,
} from './enums';

export type SupervisionKind = (typeof supervisionKinds.codes)[number];
export type SupervisionConclusion = (typeof supervisionConclusions.codes)[number];
export type RectificationStatus = (typeof rectificationStatuses.codes)[number];
export type SupervisionTargetKind = 'alliance' | 'school' | 'region';

export const supervisionTargetKinds: Record<SupervisionTargetKind, string> = {
  alliance: '联盟',
  school: '学校',
  region: '县区',
};

export interface Supervision extends RecordMeta {
  kind: SupervisionKind;
  date: string;
  targetKind: SupervisionTargetKind;
  targetAllianceId: string | null;
  targetAllianceName: string | null;
  targetSchoolId: string | null;
  targetSchoolName: string | null;
  targetRegionId: string | null;
  targetRegionName: string | null;
  /** The name of whichever target the supervision has. */
  targetLabel: string;
  inspectors: string | null;
  findings: string | null;
  rating: string | null;
  conclusion: SupervisionConclusion | null;
  rectificationCount: number;
  /** Notices not yet verified (已下发 or 已报告). */
  openRectifications: number;
}

const optionalRef = id.nullish().transform((s) => s ?? null);

export const supervisionDraft = z
  .object({
    kind: supervisionKinds.schema,
    date: isoDate,
    targetAllianceId: optionalRef,
    targetSchoolId: optionalRef,
    targetRegionId: optionalRef,
    inspectors: optionalText('督导组成员', 500),
    findings: optionalText('主要问题', 5000),
    rating: optionalText('评定等级', 50),
    conclusion: supervisionConclusions.schema.nullish().transform((s) => s ?? null),
  })
  .superRefine((d, c) => {
    const n = [d.targetAllianceId, d.targetSchoolId, d.targetRegionId].filter(Boolean).length;
    if (n === 0) c.addIssue({ code: 'custom', message: '请选择督导对象：联盟、学校或县区', path: ['target'] });
    if (n > 1) c.addIssue({ code: 'custom', message: '督导对象只能选一个：联盟、学校或县区', path: ['target'] });
  });
export type SupervisionDraft = z.infer<typeof supervisionDraft>;

export const supervisionSortKeys = ['date', 'kind', 'target', 'updatedAt'] as const;

export const supervisionListQuery = z.object({
  ...pageQuery,
  sortOrder: sortOrder.default('desc'),
  /** Matches inspectors, findings or the target's name. */
  search: z.string().trim().max(100).optional(),
  kind: supervisionKinds.schema.optional(),
  conclusion: supervisionConclusions.schema.optional(),
  /** Supervisions of this alliance (as the target). */
  allianceId: id.optional(),
  /** Only supervisions with notices not yet verified. */
  open: z.boolean().optional(),
  sortBy: z.enum(supervisionSortKeys).default('date'),
});
export type SupervisionListQuery = z.infer<typeof supervisionListQuery>;

export interface Rectification extends RecordMeta {
  supervisionId: string;
  supervisionDate: string;
  targetLabel: string;
  /** 文号. */
  number: string;
  issuedOn: string;
  deadline: string;
  items: string | null;
  status: RectificationStatus;
  reportedOn: string | null;
  verifiedOn: string | null;
  verifier: string | null;
  /** deadline − today while not verified (negative when overdue); null once verified. */
  daysLeft: number | null;
  /** Days past the deadline while not verified; 0 when not overdue; null once verified. */
  overdueDays: number | null;
}

const workingDays = z
  .number({ message: '工作日数应为数字' })
  .int('工作日数应为整数')
  .min(1, '工作日数至少为 1')
  .max(365, '工作日数不能超过 365');

export const rectificationDraft = z
  .object({
    supervisionId: id,
    number: text('文号', 100),
    issuedOn: isoDate,
    /** 整改期限 as a date … */
    deadline: isoDate.nullish().transform((s) => s ?? null),
    /** … or as 限期 N 个工作日 after the issue date. */
    workingDays: workingDays.nullish().transform((n) => n ?? null),
    items: optionalText('整改事项', 5000),
  })
  .superRefine((d, c) => {
    if (d.deadline === null && d.workingDays === null)
      c.addIssue({ code: 'custom', message: '请填写整改期限：日期或工作日数', path: ['deadline'] });
    if (d.deadline !== null && d.workingDays !== null)
      c.addIssue({ code: 'custom', message: '整改期限只能填一种：日期或工作日数', path: ['deadline'] });
    if (d.deadline !== null && d.deadline < d.issuedOn)
      c.addIssue({ code: 'custom', message: '整改期限不能早于下发日期', path: ['deadline'] });
  });
export type RectificationDraft = z.infer<typeof rectificationDraft>;

export const rectificationListQuery = z.object({
  ...pageQuery,
  /** Matches 文号 or items. */
  search: z.string().trim().max(100).optional(),
  supervisionId: id.optional(),
  status: rectificationStatuses.schema.optional(),
  /** Not verified and past the deadline. */
  overdue: z.boolean().optional(),
  /** Not verified and due within this many days from today (overdue ones included). */
  dueWithinDays: z.number().int().min(0).max(3650).optional(),
  sortBy: z.enum(['deadline', 'issuedOn', 'number']).default('deadline'),
});
export type RectificationListQuery = z.infer<typeof rectificationListQuery>;

export const rectificationReport = z.object({
  id,
  reportedOn: z.string({ message: '请填写报告日期' }).min(1, '请填写报告日期').pipe(isoDate),
});

export const rectificationVerify = z.object({
  id,
  verifiedOn: z.string({ message: '请填写复查日期' }).min(1, '请填写复查日期').pipe(isoDate),
  verifier: text('复查人', 50),
});

export interface Interview extends RecordMeta {
  supervisionId: string;
  date: string;
  interviewees: string;
  content: string | null;
  followUp: string | null;
}

export const interviewDraft = z.object({
  supervisionId: id,
  date: isoDate,
  interviewees: text('约谈对象', 500),
  content: optionalText('约谈内容', 5000),
  followUp: optionalText('后续跟进', 5000),
});
export type InterviewDraft = z.infer<typeof interviewDraft>;

export const interviewListQuery = z.object({
  ...pageQuery,
  supervisionId: id,
  sortBy: z.enum(['date']).default('date'),
});
export type InterviewListQuery = z.infer<typeof interviewListQuery>;

export const supervisionsContract = {
  'supervisions.list': def(supervisionListQuery).returns<Page<Supervision>>(),
  'supervisions.get': def(z.object({ id })).returns<Supervision>(),
  'supervisions.create': def(supervisionDraft).returns<Supervision>(),
  'supervisions.update': def(versionedUpdate(supervisionDraft)).returns<Supervision>(),
  'supervisions.delete': def(z.object({ id })).returns<{ id: string }>(),
  'rectifications.list': def(rectificationListQuery).returns<Page<Rectification>>(),
  'rectifications.get': def(z.object({ id })).returns<Rectification>(),
  'rectifications.create': def(rectificationDraft).returns<Rectification>(),
  'rectifications.update': def(versionedUpdate(rectificationDraft)).returns<Rectification>(),
  'rectifications.delete': def(z.object({ id })).returns<{ id: string }>(),
  'rectifications.report': def(rectificationReport).returns<Rectification>(),
  'rectifications.verify': def(rectificationVerify).returns<Rectification>(),
  'rectifications.deadlineFrom': def(z.object({ issuedOn: isoDate, workingDays })).returns<{ deadline: string }>(),
  'interviews.list': def(interviewListQuery).returns<Page<Interview>>(),
  'interviews.create': def(interviewDraft).returns<Interview>(),
  'interviews.update': def(versionedUpdate(interviewDraft)).returns<Interview>(),
  'interviews.delete': def(z.object({ id })).returns<{ id: string }>(),
} as const;

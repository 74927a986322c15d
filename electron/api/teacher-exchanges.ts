// 教师交流: teachers sent from one member school to another (支教、跟岗、轮岗、送教).
// A province's ledger holds tens of thousands of rows over ten years; the summary by
// alliance feeds the 教师交流情况统计表 and is computed in SQL.
import { z } from 'zod';
import { id, isoDate, optionalDate, optionalText, pageQuery, sortOrder, text, type Page, type RecordMeta, versionedUpdate } from './common';
import { def } from './define';
import { calendarYear, chosen, hoursField, term } from './ledger-fields';
import { exchangeKinds, exchangeStatuses, type ExchangeKind, type ExchangeStatus } from './enums';

export interface TeacherExchange extends RecordMeta {
  allianceId: string;
  allianceName: string;
  teacherName: string;
  subject: string | null;
  fromSchoolId: string;
  fromSchoolName: string;
  toSchoolId: string;
  toSchoolName: string;
  kind: ExchangeKind;
  startOn: string;
  endOn: string | null;
  /** Derived: endOn − startOn + 1; to today while ongoing without an end date; else null. */
  days: number | null;
  hours: number | null;
  status: ExchangeStatus;
}

export const teacherExchangeDraft = z
  .object({
    allianceId: chosen('联盟'),
    teacherName: text('教师姓名', 50),
    subject: optionalText('学科', 50),
    fromSchoolId: chosen('派出学校'),
    toSchoolId: chosen('接收学校'),
    kind: exchangeKinds.schema,
    startOn: isoDate,
    endOn: optionalDate,
    hours: hoursField('课时/小时'),
    status: exchangeStatuses.schema.default('planned'),
  })
  .refine((d) => d.fromSchoolId !== d.toSchoolId, {
    message: '派出学校和接收学校不能是同一所学校',
    path: ['toSchoolId'],
  })
  .refine((d) => !d.endOn || d.endOn >= d.startOn, { message: '结束日期不能早于开始日期', path: ['endOn'] });
export type TeacherExchangeDraft = z.infer<typeof teacherExchangeDraft>;

export const teacherExchangeSortKeys = ['startOn', 'teacherName', 'alliance', 'hours', 'days', 'updatedAt'] as const;

export const teacherExchangeListQuery = z
  .object({
    ...pageQuery,
    /** The ledger reads newest first. */
    sortOrder: sortOrder.default('desc'),
    /** Matches teacher name or subject. */
    search: z.string().trim().max(100).optional(),
    allianceId: id.optional(),
    /** Exchanges whose sending or receiving school lies in this region (or below it). */
    regionId: id.optional(),
    kind: exchangeKinds.schema.optional(),
    status: exchangeStatuses.schema.optional(),
    /** Exchanges whose time span overlaps the term, or the calendar year. */
    term: term.optional(),
    year: calendarYear.optional(),
    sortBy: z.enum(teacherExchangeSortKeys).default('startOn'),
  })
  .refine((q) => !(q.term && q.year), { message: '学期和年度只能选一个', path: ['year'] });
export type TeacherExchangeListQuery = z.infer<typeof teacherExchangeListQuery>;

export const teacherExchangeSummaryQuery = z
  .object({
    allianceId: id.optional(),
    regionId: id.optional(),
    /** Exchanges overlapping [from, to]; both optional. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] })
  .default({});
export type TeacherExchangeSummaryQuery = z.infer<typeof teacherExchangeSummaryQuery>;

export interface TeacherExchangeTally {
  /** 人次: exchange records. */
  exchanges: number;
  /** 人数: distinct teachers (same name from the same school). */
  teachers: number;
  /** 人数 by kind: 支教人数, 跟岗人数, 轮岗人数, 送教人数. */
  byKind: Record<ExchangeKind, number>;
  totalDays: number;
  totalHours: number;
}

export interface TeacherExchangeSummaryRow extends TeacherExchangeTally {
  allianceId: string;
  allianceName: string;
}

export interface TeacherExchangeSummary {
  /** One row per alliance with exchanges in the period, by alliance name. */
  rows: TeacherExchangeSummaryRow[];
  /** Over all rows; teachers counted once even when they served two alliances. */
  totals: TeacherExchangeTally;
}

export const teacherExchangesContract = {
  'teacherExchanges.list': def(teacherExchangeListQuery).returns<Page<TeacherExchange>>(),
  'teacherExchanges.get': def(z.object({ id })).returns<TeacherExchange>(),
  'teacherExchanges.create': def(teacherExchangeDraft).returns<TeacherExchange>(),
  'teacherExchanges.update': def(versionedUpdate(teacherExchangeDraft)).returns<TeacherExchange>(),
  'teacherExchanges.delete': def(z.object({ id })).returns<{ id: string }>(),
  'teacherExchanges.summary': def(teacherExchangeSummaryQuery).returns<TeacherExchangeSummary>(),
} as const;

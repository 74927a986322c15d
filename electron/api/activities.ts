// 交流活动: the activity ledger, the largest table of a province's ledger (about half a
// million rows over ten years). Every list filter and sort maps onto an index of
// migration 009; add one there before adding a filter here.
import { z } from 'zod';
import { term } from './ledger-fields';
import { count, id, isoDate, optionalText, pageQuery, sortOrder, text, type Page, type RecordMeta, versionedUpdate } from './common';
import { def } from './define';
import { activityCategories, type ActivityCategory } from './enums';
import type { Attachment } from './system';

export interface NamedRef {
  id: string;
  name: string;
}

export interface Activity extends RecordMeta {
  allianceId: string;
  allianceName: string;
  date: string;
  /** Derived from the date by the term boundaries in 设置; null in the summer holiday. */
  term: string | null;
  category: ActivityCategory;
  /** A built-in form, one the bureau added in 设置, or free text. */
  form: string | null;
  title: string;
  hostSchoolId: string | null;
  hostSchoolName: string | null;
  participatingSchools: NamedRef[];
  participants: number | null;
  isLeadershipVisit: boolean;
  isOnline: boolean;
  summary: string | null;
  outcome: string | null;
  notes: string | null;
  attachments: Attachment[];
}

const ids = (label: string, max: number) =>
  z
    .array(id, { message: `${label}格式不正确` })
    .max(max, `${label}最多 ${max} 个`)
    .default([])
    .transform((list) => [...new Set(list)]);

export const activityDraft = z.object({
  allianceId: id.describe('联盟'),
  /** Not later than a year from today: checked by the handler, which knows today. */
  date: isoDate,
  category: activityCategories.schema,
  form: optionalText('活动形式', 50),
  title: text('活动主题', 200),
  hostSchoolId: id.nullish().transform((s) => s ?? null),
  participatingSchoolIds: ids('参与学校', 200),
  participants: count('参与人数'),
  isLeadershipVisit: z.boolean().default(false),
  isOnline: z.boolean().default(false),
  summary: optionalText('活动内容'),
  outcome: optionalText('活动成效'),
  notes: optionalText('备注'),
  /** Uploaded attachments to link; on update, omitted means "leave the links as they are". */
  attachmentIds: z.array(id).max(50, '附件最多 50 个').optional(),
});
export type ActivityDraft = z.infer<typeof activityDraft>;

export const activitySortKeys = ['date', 'title', 'category', 'alliance', 'participants'] as const;

export const activityListQuery = z
  .object({
    ...pageQuery,
    /** The ledger reads newest first. */
    sortOrder: sortOrder.default('desc'),
    allianceId: id.optional(),
    /** Activities of alliances with a member (school or county) in this region or below it. */
    regionId: id.optional(),
    /** Activities the school hosted or took part in. */
    schoolId: id.optional(),
    term: term.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    category: activityCategories.schema.optional(),
    form: z.string().trim().min(1).max(50).optional(),
    leadershipVisit: z.boolean().optional(),
    sortBy: z.enum(activitySortKeys).default('date'),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });
export type ActivityListQuery = z.infer<typeof activityListQuery>;

const link = z.object({ activityId: id, attachmentId: id });

export const activitiesContract = {
  'activities.list': def(activityListQuery).returns<Page<Activity>>(),
  'activities.get': def(z.object({ id })).returns<Activity>(),
  'activities.create': def(activityDraft).returns<Activity>(),
  'activities.update': def(versionedUpdate(activityDraft)).returns<Activity>(),
  'activities.delete': def(z.object({ id })).returns<{ id: string }>(),
  'activities.addAttachment': def(link).returns<Activity>(),
  'activities.removeAttachment': def(link).returns<Activity>(),
  /** Terms that hold activities (optionally of one alliance), newest first, for the filter. */
  'activities.terms': def(z.object({ allianceId: id.optional() }).default({})).returns<string[]>(),
} as const;

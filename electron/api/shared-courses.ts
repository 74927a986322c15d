// 课程共享: a course one school of an alliance shares with others, by term, with its
// 课时 and the students it reached.
import { z } from 'zod';
import { count, id, pageQuery, sortOrder, text, type Page, type RecordMeta, versionedUpdate } from './common';
import { def } from './define';
import { chosen, hoursField, term } from './ledger-fields';

export interface NamedSchool {
  id: string;
  name: string;
}

export interface SharedCourse extends RecordMeta {
  allianceId: string;
  allianceName: string;
  name: string;
  providerSchoolId: string | null;
  providerSchoolName: string | null;
  receivingSchools: NamedSchool[];
  /** 2024-2025-1 */
  term: string;
  /** 2024-2025学年第一学期 */
  termLabel: string;
  hours: number | null;
  studentsReached: number | null;
}

export const sharedCourseDraft = z
  .object({
    allianceId: chosen('联盟'),
    name: text('课程名称', 100),
    /** Optional: a course of the alliance's 名师工作室 or 教研室 has no single provider school. */
    providerSchoolId: id.nullish().transform((s) => s ?? null),
    receivingSchoolIds: z
      .array(id, { message: '接收学校格式不正确' })
      .max(200, '接收学校最多 200 所')
      .default([])
      .transform((list) => [...new Set(list)]),
    term,
    hours: hoursField('课时'),
    studentsReached: count('受益学生数'),
  })
  .refine((d) => !d.providerSchoolId || !d.receivingSchoolIds.includes(d.providerSchoolId), {
    message: '提供课程的学校不能同时是接收学校',
    path: ['receivingSchoolIds'],
  });
export type SharedCourseDraft = z.infer<typeof sharedCourseDraft>;

export const sharedCourseSortKeys = ['term', 'name', 'alliance', 'provider', 'hours', 'studentsReached', 'updatedAt'] as const;

export const sharedCourseListQuery = z.object({
  ...pageQuery,
  /** Newest term first. */
  sortOrder: sortOrder.default('desc'),
  /** Matches the course name. */
  search: z.string().trim().max(100).optional(),
  allianceId: id.optional(),
  term: term.optional(),
  /** Courses whose provider or a receiving school lies in this region (or below it). */
  regionId: id.optional(),
  sortBy: z.enum(sharedCourseSortKeys).default('term'),
});
export type SharedCourseListQuery = z.infer<typeof sharedCourseListQuery>;

export const sharedCoursesContract = {
  'sharedCourses.list': def(sharedCourseListQuery).returns<Page<SharedCourse>>(),
  'sharedCourses.get': def(z.object({ id })).returns<SharedCourse>(),
  'sharedCourses.create': def(sharedCourseDraft).returns<SharedCourse>(),
  'sharedCourses.update': def(versionedUpdate(sharedCourseDraft)).returns<SharedCourse>(),
  'sharedCourses.delete': def(z.object({ id })).returns<{ id: string }>(),
} as const;

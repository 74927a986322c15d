import { z } from 'zod';
import { count, id, optionalDate, optionalText, pageQuery, text, type Page, type RecordMeta, versionedUpdate } from './common';
import { def } from './define';
import { localities, stages, type Locality, type Stage } from './enums';

export interface School extends RecordMeta {
  name: string;
  code: string | null;
  regionId: string;
  regionName: string;
  stage: Stage;
  locality: Locality | null;
  isWeak: boolean;
  isNew: boolean;
  students: number | null;
  teachers: number | null;
  principal: string | null;
  phone: string | null;
  address: string | null;
  notes: string | null;
  openedOn: string | null;
  closedOn: string | null;
  formerNames: string[];
  /** Live alliances the school is a current member of. */
  allianceCount: number;
}

export const schoolDraft = z
  .object({
    name: text('学校名称', 100),
    code: z
      .string()
      .trim()
      .regex(/^\d{10}$/, '学校标识码应为 10 位数字')
      .nullish()
      .or(z.literal('').transform(() => null))
      .transform((s) => s ?? null),
    regionId: id.describe('所在县区'),
    stage: stages.schema,
    locality: localities.schema.nullish().transform((s) => s ?? null),
    isWeak: z.boolean().default(false),
    isNew: z.boolean().default(false),
    students: count('学生数'),
    teachers: count('教师数'),
    principal: optionalText('校长', 50),
    phone: optionalText('联系电话', 50),
    address: optionalText('地址', 200),
    notes: optionalText('备注'),
    openedOn: optionalDate,
    closedOn: optionalDate,
    formerNames: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  })
  .refine((s) => !s.openedOn || !s.closedOn || s.closedOn >= s.openedOn, {
    message: '撤并日期不能早于建校日期',
    path: ['closedOn'],
  });
export type SchoolDraft = z.infer<typeof schoolDraft>;

export const schoolListQuery = z.object({
  ...pageQuery,
  regionId: id.optional(),
  stage: stages.schema.optional(),
  locality: localities.schema.optional(),
  weak: z.boolean().optional(),
  /** Closed (撤并) schools are hidden unless asked for. */
  includeClosed: z.boolean().default(false),
  allianceId: id.optional(),
  sortBy: z.enum(['name', 'code', 'region', 'stage', 'students', 'teachers', 'updatedAt']).default('name'),
});
export type SchoolListQuery = z.infer<typeof schoolListQuery>;

export const schoolsContract = {
  'schools.list': def(schoolListQuery).returns<Page<School>>(),
  'schools.get': def(z.object({ id })).returns<School>(),
  'schools.create': def(schoolDraft).returns<School>(),
  'schools.update': def(versionedUpdate(schoolDraft)).returns<School>(),
  'schools.delete': def(z.object({ id })).returns<{ id: string }>(),
} as const;

import { z } from 'zod';
import { id, pageQuery, text, type Page, type RecordMeta, versionedUpdate } from './common';
import { def } from './define';
import { regionLevels, type RegionLevel } from './enums';

export interface Region extends RecordMeta {
  name: string;
  code: string | null;
  level: RegionLevel;
  parentId: string | null;
  parentName: string | null;
  schoolCount: number;
}

/** One node of the bundled GB/T 2260 list used at first run. */
export interface Division {
  code: string;
  name: string;
  children?: Division[];
}

const regionDraft = z.object({
  name: text('名称', 100),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '区划代码应为 6 位数字')
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((s) => s ?? null),
  level: regionLevels.schema,
  parentId: id.nullish().transform((s) => s ?? null),
});
export type RegionDraft = z.infer<typeof regionDraft>;

export const regionListQuery = z.object({
  ...pageQuery,
  pageSize: z.number().int().min(1).max(1000).default(200),
  level: regionLevels.schema.optional(),
  parentId: id.optional(),
  sortBy: z.enum(['name', 'code', 'level']).default('code'),
});
export type RegionListQuery = z.infer<typeof regionListQuery>;

export const regionsContract = {
  'regions.list': def(regionListQuery).returns<Page<Region>>(),
  'regions.get': def(z.object({ id })).returns<Region>(),
  'regions.create': def(regionDraft).returns<Region>(),
  'regions.update': def(versionedUpdate(regionDraft)).returns<Region>(),
  'regions.delete': def(z.object({ id })).returns<{ id: string }>(),
  /** The bundled GB/T 2260 divisions down to county level, for the first-run picker. */
  'regions.divisions': def(z.object({}).default({})).returns<Division[]>(),
  /** First run: the bureau's own region; creates it with its county-level children and codes. */
  'regions.setHome': def(
    z.object({ code: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, '请选择本局所在的行政区划') }),
  ).returns<{ home: Region; created: number }>(),
} as const;

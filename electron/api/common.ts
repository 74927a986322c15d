// Shared building blocks of the contract: ids, dates, paging, and the error envelope.
// Everything here is plain zod + types so that the renderer can import it too.
import { z } from 'zod';

export const id = z.uuid({ message: '编号格式不正确' });

/** A calendar date as the clerk writes it in the ledger: YYYY-MM-DD. */
export const isoDate = z
  .string({ message: '请填写日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => isRealDate(s), '日期不存在');

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Required text: trimmed, at least one character, with a field-specific Chinese message. */
export const text = (label: string, max = 200) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);

/** Optional text: empty strings become null so that the database never holds ''. */
export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullish()
    .transform((s) => (s ? s : null));

export const optionalDate = isoDate.nullish().transform((s) => s ?? null);

export const count = (label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(10_000_000, `${label}过大`)
    .nullish()
    .transform((n) => n ?? null);

export const termName = z.string().regex(/^\d{4}-\d{4}-[12]$/, '学期格式应为 2024-2025-1');

export const sortOrder = z.enum(['asc', 'desc']);

/** Paging shared by every list: the renderer never asks for more than one page. */
export const pageQuery = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500, '每页最多 500 条').default(20),
  search: z.string().trim().max(100).optional(),
  sortOrder: sortOrder.default('asc'),
};

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Columns every record carries so that two copies of a ledger can later be merged. */
export interface RecordMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'duplicate'
  | 'unknown_method'
  | 'cancelled'
  | 'unauthorized'
  | 'internal';

export type Reply<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string> };

/** Progress of long work (sample data, import, export, backup). */
export interface Progress {
  phase: string;
  done: number;
  total: number;
}

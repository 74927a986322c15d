// Shared building blocks of the contract: ids, dates, paging, and the error envelope.
// Everything here is plain zod + types so that the renderer can import it too.
import { z } from 'zod';

// Messages a schema does not word itself (a wrong type, a number out of range) in Chinese too.
z.config(z.locales.zhCN());

export const id = z.uuid({ message: '编号格式不正确' });

/** A calendar date as the clerk writes it in the ledger: YYYY-MM-DD. */
export const isoDate = z
  .string({ message: '请填写日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => isRealDate(s), '日期不存在');

/** YYYY-MM-DD names a day of the calendar (no 2月30日). Allocation-free: imports check every row. */
export function isRealDate(s: string): boolean {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (!(m >= 1 && m <= 12 && d >= 1)) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
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


export const sortOrder = z.enum(['asc', 'desc'], { message: '排序方向应为 asc（升序）或 desc（降序）' });

/** Paging shared by every list: the renderer never asks for more than one page. */
export const pageQuery = {
  page: z.number({ message: '页码应为数字' }).int('页码应为整数').min(1, '页码从 1 开始').default(1),
  pageSize: z
    .number({ message: '每页条数应为数字' })
    .int('每页条数应为整数')
    .min(1, '每页至少 1 条')
    .max(500, '每页最多 500 条')
    .default(20),
  search: z.string({ message: '搜索内容应为文字' }).trim().max(100, '搜索内容不能超过100个字').optional(),
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
  /** Bumped by every write; an update names the one it was made from (optimistic locking). */
  rowVersion: number;
}

/** The row version a save was made from: the `rowVersion` of the record as it was loaded. */
export const rowVersion = z
  .number({ message: '缺少记录版本，请关闭后重新打开再保存' })
  .int('记录版本应为整数')
  .min(1, '记录版本应为正整数');

/** An update's input: which record, the version it was loaded at, and the new values. */
export const versionedUpdate = <T extends z.ZodType>(draft: T) => z.object({ id, rowVersion, draft });

export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  /** 此记录已被他人修改: the reply's `current` holds the record as it is now. */
  | 'edit_conflict'
  | 'duplicate'
  | 'unknown_method'
  | 'cancelled'
  | 'unauthorized'
  /** The database refused: the login's role does not allow it (PostgreSQL 42501). */
  | 'forbidden'
  | 'internal';

export type Reply<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string>; current?: unknown };

/** A workbook (or any file) the app hands out or takes in: a suggested name and its bytes, base64. */
export interface FilePayload {
  fileName: string;
  dataBase64: string;
}

/** Progress of long work (sample data, import, export, backup). */
export interface Progress {
  phase: string;
  done: number;
  total: number;
}

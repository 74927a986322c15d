// 数据导入: spreadsheets clerks receive (.xlsx or .csv) are previewed — counts of records
// to create, update and skip, and every row that cannot be understood — and written only
// when the clerk accepts a clean preview, all in one transaction.
import { z } from 'zod';
import { def } from './define';

export const importKindLabels = { problems: '问题清单' } as const;
export type ImportKind = keyof typeof importKindLabels;
export const importKinds = Object.keys(importKindLabels) as [ImportKind, ...ImportKind[]];

export type ImportAction = 'create' | 'update' | 'skip';

export interface ImportRowError {
  sheet: string;
  /** The row number as Excel shows it. */
  row: number;
  /** The column's header as written in the file; null when the whole row is meant. */
  column: string | null;
  message: string;
}

export interface ImportPreview {
  kind: ImportKind;
  kindLabel: string;
  fileName: string;
  sheet: string;
  /** Excel row number of the header row. */
  headerRow: number;
  /** Headers as written in the file, in the kind's column order (absent columns left out). */
  columns: string[];
  rows: Record<ImportAction, number>;
  errors: ImportRowError[];
  /** All errors, when more than `errors` holds. */
  errorCount: number;
  /** The first rows as they will be read, for the clerk to check. */
  sample: { row: number; action: ImportAction; values: Record<string, string> }[];
}

export interface ImportResult extends ImportPreview {
  written: number;
}

export const importInput = z.object({
  kind: z.enum(importKinds, { message: '请选择导入的数据类型' }),
  fileName: z.string({ message: '缺少文件名' }).trim().min(1, '缺少文件名').max(255, '文件名过长'),
  /** File content, base64. */
  dataBase64: z
    .string({ message: '请选择文件' })
    .min(1, '文件为空')
    .max(40_000_000, '文件不能超过 30 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容格式不正确'),
  sheet: z.string().trim().max(100).optional(),
});
export type ImportInput = z.infer<typeof importInput>;

export const importsContract = {
  /** Reads the file and says what would happen; writes nothing. */
  'imports.preview': def(importInput).returns<ImportPreview>({ long: true }),
  /** Re-validates and writes everything in one transaction; refused while the file has errors. */
  'imports.commit': def(importInput).returns<ImportResult>({ long: true }),
} as const;

// 数据导入: spreadsheets clerks receive (.xlsx or .csv) are previewed — counts of records
// to create, update and skip, and every row that cannot be understood — and written only
// when the clerk accepts a clean preview, all in one transaction.
import { z } from 'zod';
import { def } from './define';
import type { FilePayload } from './common';

/** Kind codes are the CLI's words (`npm run ledger -- import teacher-exchanges …`). */
export const importKindLabels = {
  schools: '学校',
  alliances: '联盟及成员',
  activities: '交流活动',
  'teacher-exchanges': '教师交流',
  problems: '问题清单',
  indicators: '评价指标',
} as const;
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

const importKind = z.enum(importKinds, { message: '请选择导入的数据类型' });

export const importInput = z.object({
  kind: importKind,
  fileName: z.string({ message: '缺少文件名' }).trim().min(1, '缺少文件名').max(255, '文件名过长'),
  /** File content, base64. */
  dataBase64: z
    .string({ message: '请选择文件' })
    // An empty file reaches the reader, which names it in the clerk's words.
    .max(40_000_000, '文件不能超过 30 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容格式不正确'),
  sheet: z.string().trim().max(100).optional(),
  /** List every error, not only the first 500 (the CLI and scripts). */
  allErrors: z.boolean().optional(),
});
export type ImportInput = z.infer<typeof importInput>;

export const importsContract = {
  /** Reads the file and says what would happen; writes nothing. */
  'imports.preview': def(importInput).returns<ImportPreview>({ long: true }),
  /** Re-validates and writes everything in one transaction; refused while the file has errors. */
  'imports.commit': def(importInput).returns<ImportResult>({ long: true }),
  /** A blank template: the header, dropdowns for enumerated columns, and a 填写说明 sheet. */
  'imports.template': def(z.object({ kind: importKind })).returns<FilePayload>(),
  /** Every error of the file (sheet, row, column, reason) as an .xlsx to send back. */
  'imports.errorReport': def(importInput).returns<FilePayload>({ long: true }),
} as const;

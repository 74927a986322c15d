// An import preview or result for a person reading a terminal, in Chinese.
import type { ImportPreview } from '../api/imports';

export function formatImport(p: ImportPreview): string {
  const lines = [
    `${p.kindLabel}：工作表“${p.sheet}”，表头在第 ${p.headerRow} 行`,
    `新增 ${p.rows.create} 条，更新 ${p.rows.update} 条，无变化跳过 ${p.rows.skip} 条`,
  ];
  for (const e of p.errors) lines.push(`  第 ${e.row} 行${e.column ? `“${e.column}”列` : ''}：${e.message}`);
  if (p.errorCount > p.errors.length) lines.push(`  ……另有 ${p.errorCount - p.errors.length} 处错误未列出`);
  return lines.join('\n');
}

/** What `import --json` prints: the four keys of the CLI contract, then details. */
export interface ImportSummary {
  created: number;
  updated: number;
  skipped: number;
  errors: { sheet: string | null; row: number | null; column: string | null; message: string }[];
  dryRun: boolean;
  kind?: string;
  sheet?: string;
  /** With errors nothing is written: what the file would have done once corrected. */
  planned?: { create: number; update: number; skip: number };
}

/**
 * Counts are what was written (with --dry-run: what would be). A file with errors writes
 * nothing, so its counts are 0 and `planned` tells what it holds; a file refused as a
 * whole (unreadable, no header) has one error without sheet, row or column.
 */
export function importSummary(p: ImportPreview | null, dryRun: boolean, refused?: string): ImportSummary {
  if (!p) return { created: 0, updated: 0, skipped: 0, errors: [{ sheet: null, row: null, column: null, message: refused ?? '' }], dryRun };
  const clean = p.errorCount === 0;
  return {
    created: clean ? p.rows.create : 0,
    updated: clean ? p.rows.update : 0,
    skipped: clean ? p.rows.skip : 0,
    errors: p.errors,
    dryRun,
    kind: p.kind,
    sheet: p.sheet,
    ...(clean ? {} : { planned: p.rows }),
  };
}

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

// Row heights for wrapped text: Excel grows a row to fit when it opens a file, but WPS and
// LibreOffice (and printing) keep the stored height, so a long reason overlaps the next row.
import type ExcelJS from 'exceljs';

/** Display width in characters of the default font: a CJK character takes two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Sets the row's height to fit its longest wrapped cell, given the sheet's column widths. */
export function fitRowHeight(ws: ExcelJS.Worksheet, row: ExcelJS.Row, lineHeight = 15): void {
  let lines = 1;
  row.eachCell((cell, col) => {
    const width = Math.max(4, (ws.getColumn(col).width ?? 10) - 1);
    const text = cell.value === null || cell.value === undefined ? '' : String(cell.value);
    const n = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / width)), 0);
    lines = Math.max(lines, n);
  });
  row.height = Math.max(18, lines * lineHeight + 4);
}

// 导出图表: one 图表 sheet holding each chart as drawn on screen (a PNG from the canvas)
// with its numbers in a table beside it, so a clerk can paste either into a report.
import ExcelJS from 'exceljs';
import type { ChartsExportInput } from '../../api/dashboard';
import { setText } from '../export/safe-cell';
import { displayWidth, headerFill, thin } from '../reports/layout';

/** Rows of the default height (15 pt = 20 px) an image of that height spans. */
const rowPx = 20;
const imageWidth = 640;
/** The image spans columns A–J (10 × 64 px); the table starts after a gap column. */
const imageColumns = 10;
const tableColumn = imageColumns + 2;

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length < 24 || bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export async function chartsWorkbook(input: ChartsExportInput, exportedOn: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '教育联盟台账';
  const ws = wb.addWorksheet('图表', { views: [{ showGridLines: false }] });
  for (let c = 1; c <= imageColumns + 1; c++) ws.getColumn(c).width = 8.43;

  ws.mergeCells(1, 1, 1, tableColumn + 4);
  const title = ws.getCell(1, 1);
  setText(title, input.title);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  setText(ws.getCell(2, 1), `导出日期：${exportedOn}`);

  const widths = new Map<number, number>();
  let row = 4;
  for (const chart of input.charts) {
    const heading = ws.getCell(row, 1);
    setText(heading, chart.title);
    heading.font = { bold: true, size: 12 };
    row += 1;

    const png = Buffer.from(chart.pngBase64, 'base64');
    const size = pngSize(png);
    const height = Math.round((imageWidth * size.height) / Math.max(1, size.width));
    const image = wb.addImage({ base64: chart.pngBase64, extension: 'png' });
    ws.addImage(image, { tl: { col: 0, row: row - 1 }, ext: { width: imageWidth, height } });

    chart.table.columns.forEach((name, i) => {
      const cell = ws.getCell(row, tableColumn + i);
      setText(cell, name);
      cell.font = { bold: true };
      cell.fill = headerFill;
      cell.border = thin;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      widths.set(i, Math.max(widths.get(i) ?? 8, displayWidth(name) + 2));
    });
    chart.table.rows.forEach((values, r) => {
      values.forEach((v, i) => {
        const cell = ws.getCell(row + 1 + r, tableColumn + i);
        if (typeof v === 'number') {
          cell.value = v;
          cell.numFmt = Number.isInteger(v) ? '#,##0' : '#,##0.0';
        } else setText(cell, v);
        cell.border = thin;
        widths.set(i, Math.max(widths.get(i) ?? 8, displayWidth(String(v ?? '')) + 2));
      });
    });
    row += Math.max(Math.ceil(height / rowPx), chart.table.rows.length + 1) + 2;
  }
  for (const [i, w] of widths) ws.getColumn(tableColumn + i).width = Math.min(40, w);
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as ExcelJS.PageSetup;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 2025年教育联盟工作概览 → a file name without characters Windows refuses. */
export function workbookName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|]/g, '_')}_图表.xlsx`;
}

// The error list of an import as a workbook the clerk can send back to the school: which
// sheet, which row (as Excel numbers it), which column (as the file writes it), and why.
import ExcelJS from 'exceljs';
import type { ImportPreview } from '../../api/imports';
import { setText } from '../export/safe-cell';
import { fitRowHeight } from './sheet-layout';

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export async function errorReport(preview: ImportPreview): Promise<{ fileName: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '教育联盟台账';
  const ws = wb.addWorksheet('错误清单', {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 6 }, { width: 16 }, { width: 7 }, { width: 18 }, { width: 80 }];
  ws.getCell(1, 1).value = `“${preview.fileName}”导入错误清单（${preview.kindLabel}）`;
  ws.mergeCells(1, 1, 1, 5);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = preview.errorCount
    ? `共 ${preview.errorCount} 处错误。请按下表逐一改正原文件后重新报送；改正前该文件的任何数据都不会导入。`
    : '文件中没有错误。';
  ws.mergeCells(2, 1, 2, 5);
  const head = ws.getRow(3);
  ['序号', '工作表', '行号', '列', '错误原因'].forEach((h, i) => {
    const cell = head.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = thin;
    cell.alignment = { horizontal: 'center' };
  });
  ws.pageSetup.printTitlesRow = '3:3';
  preview.errors.forEach((e, i) => {
    const row = ws.getRow(4 + i);
    row.getCell(1).value = i + 1;
    setText(row.getCell(2), e.sheet);
    row.getCell(3).value = e.row;
    setText(row.getCell(4), e.column ?? '（整行）');
    setText(row.getCell(5), e.message);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.alignment = { wrapText: col === 5, vertical: 'top', horizontal: col === 1 || col === 3 ? 'center' : 'left' };
      cell.border = thin;
    });
    fitRowHeight(ws, row);
  });
  const base = preview.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}_错误清单.xlsx`, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

// Blank templates the clerk sends out: the kind's columns (required ones marked *) under
// a title row, dropdowns (data validation) on the enumerated columns, and a second sheet
// 填写说明 that explains each column. A filled-in template imports without changes.
import ExcelJS from 'exceljs';
import { importKindLabels, type ImportKind } from '../../api/imports';
import { looksLikeFormula } from '../export/safe-cell';
import type { ColumnSpec } from './header-match';
import { importKindSpecs } from './registry';
import { displayWidth, fitRowHeight } from './sheet-layout';

/** Rows prepared with dropdowns below the header. */
const dropdownRows = 500;
const titleRow = 1;
const headerRow = 2;

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Kind-specific notes above the column list of 填写说明. */
const kindNotes: Partial<Record<ImportKind, string[]>> = {
  alliances: [
    '每行一个成员：联盟的每所成员校（含牵头校）各占一行，联盟名称、联盟类型在每行重复填写。',
    '县区联盟的成员是县区：“学校名称”留空，在“所在县区”填写成员县区，牵头的县区角色填“牵头校”或“主任县区”。',
    '已有的联盟按名称匹配，成员按“联盟 + 学校（或县区）”匹配；再次导入同一文件不会重复添加。',
  ],
  activities: ['已有的活动按“联盟名称 + 活动日期 + 活动主题”匹配，再次导入时更新而不会重复添加。'],
  'teacher-exchanges': ['已有的记录按“联盟 + 教师 + 派出学校 + 接收学校 + 开始日期”匹配。'],
  schools: ['已有的学校按学校标识码匹配；没有标识码时按“所在县区 + 学校名称”匹配。'],
  indicators: [
    '整个工作表是一个评价模板：第 1 行的标题就是模板名称（如“2025年城乡教育联盟考核评价”），请改成实际名称。',
    '一级指标可以合并单元格写在其各二级指标旁，也可以只写在第一行；没有二级指标的一级指标单独一行并填写分值。',
    '同名模板已存在时更新它（已有提交的评价则保存为新版本）。',
  ],
};

export async function importTemplate(
  kind: ImportKind,
  extras: { extraModes?: string[]; extraActivityForms?: string[] } = {},
): Promise<{ fileName: string; bytes: Buffer }> {
  const spec = importKindSpecs[kind];
  const label = importKindLabels[kind];
  const columns = spec.columns.map((c) => withExtras(c, extras));
  const wb = new ExcelJS.Workbook();
  wb.creator = '教育联盟台账';
  const ws = wb.addWorksheet(label, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  const title = kind === 'indicators' ? '（请改为模板名称，如：2025年城乡教育联盟考核评价）' : `${label}导入表`;
  ws.getCell(titleRow, 1).value = title;
  ws.mergeCells(titleRow, 1, titleRow, columns.length);
  ws.getCell(titleRow, 1).font = { bold: true, size: 16 };
  ws.getCell(titleRow, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(titleRow).height = 30;

  columns.forEach((c, i) => {
    const cell = ws.getCell(headerRow, i + 1);
    cell.value = c.required ? `*${c.label}` : c.label;
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thin;
    if (c.note) cell.note = c.note;
    ws.getColumn(i + 1).width = Math.max(10, Math.min(40, width(c)));
    if (/日期|时间|时限/.test(c.label)) ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    // Codes and phone numbers stay text, so Excel keeps their leading digits.
    if (/标识码|电话|编号/.test(c.label)) ws.getColumn(i + 1).numFmt = '@';
    // A bureau's own choice such as “=1+1形式” picked from the dropdown stays text, not a formula.
    if (c.choices?.some(looksLikeFormula)) ws.getColumn(i + 1).numFmt = '@';
  });
  ws.getRow(headerRow).height = 24;
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;

  columns.forEach((c, i) => {
    if (!c.choices?.length) return;
    const multi = c.key === 'modes';
    const validation: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.choices.join(',')}"`],
      showErrorMessage: true,
      // Several 办学模式 may share a cell, so a value off the list is only a hint there.
      errorStyle: multi ? 'information' : 'stop',
      errorTitle: c.label,
      error: multi ? `可填多个，用“、”分开：${c.choices.join('、')}` : `请从下拉列表中选择：${c.choices.join('、')}`,
      showInputMessage: true,
      promptTitle: c.label,
      prompt: multi ? '可从列表选择，多个用“、”分开' : '请从下拉列表中选择',
    };
    for (let r = headerRow + 1; r <= headerRow + dropdownRows; r++) ws.getCell(r, i + 1).dataValidation = validation;
  });

  explain(wb, kind, label, columns);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${label}导入模板.xlsx`, bytes };
}

function withExtras(c: ColumnSpec, extras: { extraModes?: string[]; extraActivityForms?: string[] }): ColumnSpec {
  if (c.key === 'modes' && extras.extraModes?.length) return { ...c, choices: [...(c.choices ?? []), ...extras.extraModes] };
  if (c.key === 'form' && extras.extraActivityForms?.length) return { ...c, choices: [...(c.choices ?? []), ...extras.extraActivityForms] };
  return c;
}

/** Column width in characters: the wider of the header and the example. */
function width(c: ColumnSpec): number {
  return Math.max(displayWidth(c.label), displayWidth(c.example ?? '')) + 4;
}

function explain(wb: ExcelJS.Workbook, kind: ImportKind, label: string, columns: ColumnSpec[]): void {
  const ws = wb.addWorksheet('填写说明', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 18 }, { width: 6 }, { width: 60 }, { width: 40 }, { width: 24 }];
  ws.addRow([`${label}导入表 填写说明`]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, 5);
  const general = [
    '标“*”的列必须填写；列的顺序可以调整，表头上方可以保留标题行，多余的列不影响导入。',
    '日期可写成 2024-03-05、2024/3/5、2024.3.5 或 2024年3月5日；“是/否”列填“是”或“否”。',
    '学校、联盟、县区按名称与台账中的记录匹配；找不到或有重名时会报错，不会猜测。',
    ...(kindNotes[kind] ?? []),
    '导入前会先预览：列出将新增、更新、跳过的记录和每一处错误（工作表、行号、列名、原因）；改正全部错误后才会写入。',
  ];
  for (const line of general) {
    const row = ws.addRow([line]);
    ws.mergeCells(row.number, 1, row.number, 5);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = displayWidth(line) > 140 ? 34 : 18;
  }
  ws.addRow([]);
  const head = ws.addRow(['列名', '必填', '填写说明', '可选值', '示例']);
  head.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = thin;
  });
  for (const c of columns) {
    const synonyms = c.synonyms?.length ? `（也可写作：${c.synonyms.join('、')}）` : '';
    const row = ws.addRow([c.label, c.required ? '是' : '', `${c.note ?? ''}${synonyms}`, c.choices?.join('、') ?? '', c.example ?? '']);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = thin;
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    fitRowHeight(ws, row);
    if (c.required) row.getCell(1).font = { color: { argb: 'FFC00000' } };
  }
}

// Reads what clerks send back — .xlsx (exceljs) or .csv (UTF-8 with/without BOM, or GBK as
// Excel saves it in China) — into rows of plain values with the row numbers Excel shows.
// Old .xls and WPS .et files cannot be read reliably by exceljs, so they are refused.
import ExcelJS from 'exceljs';
import { invalid } from '../../api/errors';

export type CellValue = string | number | Date | boolean | null;

export interface SheetRow {
  /** The row number as Excel shows it (1-based). */
  row: number;
  cells: CellValue[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
}

export interface ReadOptions {
  /** Keep 合计/总计/小计 rows (a reader that checks its totals against them). */
  keepTotals?: boolean;
}

export async function readSheet(bytes: Uint8Array, fileName: string, sheetName?: string, options: ReadOptions = {}): Promise<Sheet> {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls' || ext === 'et') {
    throw invalid(`无法读取 .${ext} 格式的旧版表格，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入`);
  }
  const sheet = ext === 'csv' ? readCsv(bytes, fileName) : ext === 'xlsx' ? await readXlsx(bytes, sheetName) : null;
  if (!sheet) throw invalid(`不支持的文件类型“${fileName}”，请导入 .xlsx 或 .csv 文件`);
  return { name: sheet.name, rows: sheet.rows.filter((r) => !isBlankRow(r) && (options.keepTotals || !totalLabel(r.cells))) };
}

async function readXlsx(bytes: Uint8Array, sheetName?: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    throw invalid('文件无法打开：不是有效的 .xlsx 文件，或文件已损坏');
  }
  const sheet = sheetName
    ? workbook.worksheets.find((w) => w.name.trim() === sheetName.trim())
    : workbook.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden');
  if (!sheet) {
    const names = workbook.worksheets.map((w) => `“${w.name}”`).join('、');
    throw invalid(sheetName ? `文件中没有名为“${sheetName}”的工作表（现有：${names || '无'}）` : '文件中没有可读取的工作表');
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // A merged cell repeats its master's value; only the master is kept so a merged
      // title row reads as one title.
      if (cell.isMerged && cell.master !== cell) return;
      cells[col - 1] = cellValue(cell.value, cell.numFmt);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ row: rowNumber, cells });
  });
  return { name: sheet.name, rows };
}

/** exceljs cell values (rich text, formulas, hyperlinks…) as plain values. */
function cellValue(v: ExcelJS.CellValue, numFmt: string | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number') {
    // exceljs reads the Chinese built-in date format (numFmt 31, yyyy年m月d日) as a plain
    // serial number: a date-looking format turns it back into a date.
    if (numFmt && isDateFormat(numFmt)) return serialToDate(v) ?? v;
    return v;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue((v.result ?? null) as ExcelJS.CellValue, numFmt);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

function isDateFormat(fmt: string): boolean {
  const bare = fmt.replace(/"[^"]*"|\[[^\]]*\]/g, '');
  return /年|月|日/.test(fmt) || /[yd]/i.test(bare);
}

/** Excel's day serial (1 = 1900-01-01, with its phantom 1900-02-29) as a UTC date. */
export function serialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000);
}

function readCsv(bytes: Uint8Array, fileName: string): Sheet {
  const text = decodeCsv(bytes);
  const rows: SheetRow[] = parseCsv(text).map((cells, i) => ({ row: i + 1, cells }));
  return { name: fileName.replace(/\.csv$/i, ''), rows };
}

/** UTF-8 (BOM or not) when the bytes are valid UTF-8, else GBK as Excel saves CSV in China. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.replace(/[\s\u3000]/g, '') === '');
}

const isBlankRow = (r: SheetRow) => r.cells.every(isBlank);

/**
 * 合计, 总计 or 小计 when the row's first filled cell names it (合计, 合 计：, 合计：12 项), else
 * null: such a row at the bottom carries no record. `extra` adds words a kind also counts
 * as a total (总分 in an indicator sheet).
 */
export function totalLabel(cells: CellValue[], extra: string[] = []): string | null {
  const first = cells.find((c) => !isBlank(c));
  if (first === undefined) return null;
  const text = String(first).replace(/[\s\u3000]/g, '');
  const words = ['合计', '总计', '小计', ...extra];
  const whole = words.find((w) => text === w || text === `${w}:` || text === `${w}：`);
  return whole ?? words.filter((w) => w !== '小计').find((w) => text.startsWith(`${w}:`) || text.startsWith(`${w}：`)) ?? null;
}

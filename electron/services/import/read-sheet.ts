// Reads what clerks send back — .xlsx (exceljs) or .csv (UTF-8 with/without BOM, or GBK as
// Excel saves it in China) — into rows of plain values with the row numbers Excel shows.
// Old .xls and WPS .et files cannot be read reliably by exceljs, so they are refused.
import { invalid } from '../../api/errors';
import { maxImportRows, readXlsx } from './xlsx-read';

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
  /** Rows read so far of about `total`, while a large sheet is read. */
  progress?: (done: number, total: number) => void;
}

export async function readSheet(bytes: Uint8Array, fileName: string, sheetName?: string, options: ReadOptions = {}): Promise<Sheet> {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls' || ext === 'et') {
    throw invalid(`无法读取 .${ext} 格式的旧版表格，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入`);
  }
  if (ext !== 'csv' && ext !== 'xlsx') throw invalid(`不支持的文件类型“${fileName}”，请导入 .xlsx 或 .csv 文件`);
  if (bytes.length === 0) throw invalid(`文件“${fileName}”是空的（0 字节），请检查是否选错了文件`);
  // An .xlsx saved with a .csv name (it happens when a file is renamed by hand) is read as what it is.
  const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const sheet = ext === 'csv' && !zipped ? readCsv(bytes, fileName) : await readXlsx(bytes, { sheetName, progress: options.progress });
  const rows = sheet.rows.filter((r) => !isBlankRow(r) && (options.keepTotals || !totalLabel(r.cells)));
  if (rows.length === 0) throw invalid(`工作表“${sheet.name}”是空的，没有可导入的内容`);
  return { name: sheet.name, rows };
}

/** Excel's day serial (1 = 1900-01-01, with its phantom 1900-02-29) as a UTC date. */
export function serialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000);
}

function readCsv(bytes: Uint8Array, fileName: string): Sheet {
  const text = decodeCsv(bytes);
  const rows: SheetRow[] = parseCsv(text).map((cells, i) => ({ row: i + 1, cells }));
  if (rows.length > maxImportRows) {
    throw invalid(`文件“${fileName}”有 ${rows.length.toLocaleString('zh-CN')} 行，超过一次导入的上限 ${maxImportRows.toLocaleString('zh-CN')} 行。请拆分成几个文件分别导入`);
  }
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
  // A test, not a copy of the text without its spaces: it runs on every cell of the file.
  return v === null || (typeof v === 'string' && !/[^\s\u3000]/.test(v));
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

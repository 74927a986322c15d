// Reading .xlsx files that clerks receive, defensively: what is not an .xlsx at all (a
// renamed PDF, an old .xls, a password-protected workbook, which Excel saves as an
// encrypted OLE container), a truncated download, and a sheet too big to import are
// refused with a Chinese message before exceljs is asked to load anything. Sheets up to a
// few tens of thousands of rows load in memory; larger ones stream (the in-memory
// workbook needs ~1.4 GB for 100k rows × 10 columns).
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { invalid } from '../../api/errors';
import type { CellValue, Sheet, SheetRow } from './read-sheet';
import { serialToDate } from './read-sheet';

/** The most rows one import takes; a province's yearly activity ledger stays well below. */
export const maxImportRows = 200_000;
/** Above this many rows the sheet is streamed rather than loaded whole. */
const inMemoryRows = 20_000;

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export interface XlsxReadOptions {
  sheetName?: string;
  /** Called while a large sheet is read: rows so far of about `total`. */
  progress?: (done: number, total: number) => void;
}

interface StreamHelper {
  on(event: 'data', f: (chunk: string) => void): StreamHelper;
  on(event: 'error' | 'end', f: () => void): StreamHelper;
  pause(): StreamHelper;
  resume(): StreamHelper;
}

interface SheetEntry {
  name: string;
  state: string;
  path: string;
}

export async function readXlsx(bytes: Uint8Array, o: XlsxReadOptions = {}): Promise<Sheet> {
  if (startsWith(bytes, oleMagic)) {
    // Excel and WPS save a workbook with an open password as an OLE container holding
    // EncryptionInfo and EncryptedPackage streams; without them it is an old .xls.
    const utf16 = Buffer.from('EncryptedPackage', 'utf16le');
    if (Buffer.from(bytes).includes(utf16)) {
      throw invalid('文件设置了打开密码，无法读取。请在 Excel 或 WPS 中打开它，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx，再导入');
    }
    throw invalid('这是旧版 .xls 格式的文件（只是扩展名写成了 .xlsx），无法可靠读取。请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入');
  }
  if (!startsWith(bytes, zipMagic)) {
    throw invalid('文件不是 Excel 表格（.xlsx），无法读取。请确认选择的是报来的表格文件，而不是改了扩展名的其他文件');
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw damaged();
  }
  const sheets = await sheetEntries(zip);
  const chosen = o.sheetName
    ? sheets.find((s) => s.name.trim() === o.sheetName!.trim())
    : sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  if (!chosen) {
    const names = sheets.map((s) => `“${s.name}”`).join('、');
    throw invalid(o.sheetName ? `文件中没有名为“${o.sheetName}”的工作表（现有：${names || '无'}）` : '文件中没有可读取的工作表');
  }
  const { rows, exact } = await countRows(zip, chosen);
  if (rows > maxImportRows) {
    const size = exact ? `有 ${rows.toLocaleString('zh-CN')} 行` : `超过 ${maxImportRows.toLocaleString('zh-CN')} 行`;
    throw invalid(`工作表“${chosen.name}”${size}，超过一次导入的上限 ${maxImportRows.toLocaleString('zh-CN')} 行。请按学期或联盟拆分成几个文件分别导入`);
  }
  try {
    return rows <= inMemoryRows ? await loadWhole(bytes, chosen.name) : await stream(bytes, chosen.name, rows, o.progress);
  } catch (e) {
    if (e instanceof Error && 'code' in e) throw e; // already an AppError
    throw damaged();
  }
}

const damaged = () =>
  invalid('文件不完整或已损坏（可能是下载或拷贝时中断），无法打开。请让对方重新发送，或在 Excel / WPS 中打开后另存一份再导入');

/** Sheet names, states and part paths from xl/workbook.xml and its relationships. */
async function sheetEntries(zip: JSZip): Promise<SheetEntry[]> {
  const workbook = zip.file('xl/workbook.xml');
  if (!workbook) throw invalid('文件不是 Excel 表格（.xlsx）：其中没有工作簿。请确认选择的是报来的表格文件');
  let xml: string;
  let rels: string;
  try {
    xml = await workbook.async('string');
    rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  } catch {
    throw damaged();
  }
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => ({
    name: decodeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? ''),
    state: /\bstate="([^"]*)"/.exec(m[0])?.[1] ?? 'visible',
    path: targets.get(/\br:id="([^"]*)"/.exec(m[0])?.[1] ?? '') ?? '',
  }));
}

const decodeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * The sheet's row count, without holding its XML: the <dimension> Excel writes at the
 * top when there is one, else the <row> tags counted while decompressing, stopping as
 * soon as the limit is passed.
 */
async function countRows(zip: JSZip, sheet: SheetEntry): Promise<{ rows: number; exact: boolean }> {
  const file = zip.file(sheet.path);
  if (!file) throw damaged();
  return new Promise((resolve, reject) => {
    let rows = 0;
    let head = '';
    let tail = '';
    let decided = false;
    // JSZip's streaming decompression (not in its type definitions).
    const helper = (file as unknown as { internalStream(type: 'string'): StreamHelper }).internalStream('string');
    const finish = (n: number, exact: boolean) => {
      if (decided) return;
      decided = true;
      helper.pause();
      resolve({ rows: n, exact });
    };
    helper
      .on('data', (chunk: string) => {
        if (decided) return;
        if (head.length < 4096) {
          head += chunk.slice(0, 4096);
          const dim = /<(?:\w+:)?dimension\s+ref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"/.exec(head);
          if (dim && Number(dim[2] ?? dim[1]) > maxImportRows) return finish(Number(dim[2] ?? dim[1]), true);
        }
        const text = tail + chunk;
        rows += (text.match(/<(?:\w+:)?row[\s>]/g) ?? []).length;
        tail = text.slice(-16).replace(/^[^<]*/, '');
        rows -= (tail.match(/<(?:\w+:)?row[\s>]/g) ?? []).length;
        if (rows > maxImportRows) finish(rows, false);
      })
      .on('error', () => {
        if (!decided) {
          decided = true;
          reject(damaged());
        }
      })
      .on('end', () => finish(rows + (tail.match(/<(?:\w+:)?row[\s>]/g) ?? []).length, true))
      .resume();
  });
}

async function loadWhole(bytes: Uint8Array, name: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const sheet = workbook.worksheets.find((w) => w.name === name);
  if (!sheet) throw damaged();
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => rows.push({ row: rowNumber, cells: cellsOf(row) }));
  return { name, rows };
}

async function stream(bytes: Uint8Array, name: string, total: number, progress?: (done: number, total: number) => void): Promise<Sheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: SheetRow[] = [];
  let found = false;
  for await (const ws of reader) {
    const mine = (ws as unknown as { name?: string }).name === name;
    found ||= mine;
    for await (const row of ws) {
      if (!mine) continue;
      const cells = cellsOf(row);
      if (cells.length) rows.push({ row: row.number, cells });
      if (rows.length % 5000 === 0) progress?.(rows.length, total);
    }
  }
  if (!found) throw damaged();
  return { name, rows };
}

function cellsOf(row: ExcelJS.Row): CellValue[] {
  const cells: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    // A merged cell repeats its master's value; only the master is kept so a merged
    // title row reads as one title.
    if (cell.isMerged && cell.master !== cell) return;
    cells[col - 1] = cellValue(cell.value, cell.numFmt);
  });
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
  return cells;
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

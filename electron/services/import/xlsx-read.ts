// Reading .xlsx files that clerks receive, defensively: what is not an .xlsx at all (a
// renamed PDF, an old .xls, a password-protected workbook, which Excel saves as an
// encrypted OLE container), a truncated download, and a sheet too big to import are
// refused with a Chinese message before exceljs is asked to load anything. Sheets up to a
// few tens of thousands of rows load in memory; larger ones stream (the in-memory
// workbook needs ~1.4 GB for 100k rows × 10 columns).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { invalid } from '../../api/errors';
import type { CellValue, Sheet, SheetRow } from './read-sheet';
import { serialToDate } from './read-sheet';

// exceljs knows the Chinese built-in number formats (27–36, 50–58: yyyy年m月d日, m月d日 …)
// only per locale, so it reads such cells as bare serial numbers, in the 1900 date system
// even in a 1904 workbook. Giving them their zh-CN code lets exceljs see them as dates and
// convert them in the workbook's own date system.
const builtInFormats = require('exceljs/lib/xlsx/defaultnumformats') as Record<string, { f?: string; 'zh-cn'?: string }>;
for (const format of Object.values(builtInFormats)) if (!format.f && format['zh-cn']) format.f = format['zh-cn'];

/** The most rows one import takes; a province's yearly activity ledger stays well below. */
export const maxImportRows = 200_000;
/** Above this many rows the sheet is streamed rather than loaded whole. */
const inMemoryRows = 20_000;
/**
 * The most one part of the file, and all of them together, may inflate to: a 200,000-row
 * sheet is well below; a zip bomb (a few MB that inflate to GBs) is refused while it is
 * being inflated, before anything holds it.
 */
const maxPartChars = 256 * 2 ** 20;
const maxInflatedChars = 512 * 2 ** 20;
/** Excel's own limits: a cell address beyond them means a damaged or forged file. */
const excelMaxRows = 1_048_576;
const excelMaxColumns = 16_384;

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export interface XlsxReadOptions {
  sheetName?: string;
  /** Called while a large sheet is read: rows so far of about `total`. */
  progress?: (done: number, total: number) => void;
  /** Rows above which the sheet is streamed rather than loaded whole (default 20,000). */
  streamAbove?: number;
}

interface StreamHelper<T = string> {
  on(event: 'data', f: (chunk: T) => void): StreamHelper<T>;
  on(event: 'error' | 'end', f: () => void): StreamHelper<T>;
  pause(): StreamHelper<T>;
  resume(): StreamHelper<T>;
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
  const streamAbove = o.streamAbove ?? inMemoryRows;
  try {
    // A sheet that declares itself large — by the <dimension> Excel and WPS write at its top,
    // or without one by the size the zip's directory gives its XML — is read in one pass that
    // checks the limits as it goes. Any other is counted first, so that exceljs is never
    // handed a sheet above the limits.
    const declared = await declaredRows(zip, chosen);
    if (declared !== null && declared > maxImportRows) throw tooManyRows(chosen.name, declared, true);
    if (declared !== null && declared > streamAbove) {
      const others = await checkInflatedSizes(zip, chosen, 0);
      return await streamSheet(zip, chosen, declared, o.progress, maxInflatedChars - others);
    }
    // Without a <dimension>, a sheet whose XML the zip's directory says is large has its row
    // tags counted (quick: a sheet of a million rows is refused in a moment), and is then
    // streamed by the reader that checks cell addresses itself.
    const large = declared === null && xmlBytesOf(zip, chosen) > streamAbove * bytesPerRow;
    const { rows, exact, chars } = await countRows(zip, chosen, { checkAddresses: !large });
    if (rows > maxImportRows) throw tooManyRows(chosen.name, rows, exact);
    await checkInflatedSizes(zip, chosen, chars);
    return rows <= streamAbove ? await loadWhole(bytes, chosen.name) : await streamSheet(zip, chosen, rows, o.progress, maxInflatedChars - chars);
  } catch (e) {
    if (e instanceof Error && 'code' in e) throw e; // already an AppError
    throw damaged();
  }
}

const tooManyRows = (sheet: string, rows: number, exact: boolean) => {
  const size = exact ? `有 ${rows.toLocaleString('zh-CN')} 行` : `超过 ${maxImportRows.toLocaleString('zh-CN')} 行`;
  return invalid(`工作表“${sheet}”${size}，超过一次导入的上限 ${maxImportRows.toLocaleString('zh-CN')} 行。请按学期或联盟拆分成几个文件分别导入`);
};

const tooLarge = (part: string) =>
  invalid(
    `文件解压后过大（其中“${part}”超过 ${maxPartChars / 2 ** 20} MB，或全部内容超过 ${maxInflatedChars / 2 ** 20} MB），不是正常的表格文件，已拒绝读取。请在 Excel 或 WPS 中打开后另存一份再导入`,
  );

const outOfRange = (sheet: string, ref: string) =>
  invalid(
    `工作表“${sheet}”中有超出 Excel 范围的单元格地址“${ref}”（Excel 最多 ${excelMaxRows.toLocaleString('zh-CN')} 行、${excelMaxColumns.toLocaleString('zh-CN')} 列），文件可能已损坏。请在 Excel 或 WPS 中打开后另存一份再导入`,
  );

/**
 * Inflates every other part once, counting, so that no part is a zip bomb (the sheet is
 * counted by countRows or streamSheet); returns what all of them inflate to.
 */
async function checkInflatedSizes(zip: JSZip, sheet: SheetEntry, sheetChars: number): Promise<number> {
  let total = sheetChars;
  for (const file of Object.values(zip.files)) {
    if (file.dir || file.name === sheet.path) continue;
    // Pictures and other media are never read; exceljs reads the rest whole.
    if (/^xl\/media\//.test(file.name)) continue;
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      let stopped = false;
      const helper = (file as unknown as { internalStream(type: 'uint8array'): StreamHelper<Uint8Array> }).internalStream('uint8array');
      helper
        .on('data', (chunk: Uint8Array) => {
          if (stopped) return;
          size += chunk.length;
          if (size > maxPartChars || total + size > maxInflatedChars) {
            stopped = true;
            helper.pause();
            reject(tooLarge(file.name));
          }
        })
        .on('error', () => {
          if (!stopped) {
            stopped = true;
            reject(damaged());
          }
        })
        .on('end', () => {
          if (!stopped) resolve();
        })
        .resume();
    });
    total += size;
  }
  return total - sheetChars;
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

/** Sheet XML per row in files clerks fill (about 700 bytes for 13 columns of Chinese text). */
const bytesPerRow = 800;

/** What the zip's directory says the sheet's XML inflates to (a claim: the reader checks it). */
function xmlBytesOf(zip: JSZip, sheet: SheetEntry): number {
  const file = zip.file(sheet.path) as unknown as { _data?: { uncompressedSize?: number } } | null;
  return Number(file?._data?.uncompressedSize ?? 0);
}

/** The last row the sheet's <dimension> declares, from the first few kB of its XML; null without one. */
async function declaredRows(zip: JSZip, sheet: SheetEntry): Promise<number | null> {
  const file = zip.file(sheet.path);
  if (!file) throw damaged();
  return new Promise((resolve, reject) => {
    let head = '';
    let decided = false;
    const helper = (file as unknown as { internalStream(type: 'string'): StreamHelper }).internalStream('string');
    const finish = () => {
      if (decided) return;
      decided = true;
      helper.pause();
      const dim = /<(?:\w+:)?dimension\s+ref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"/.exec(head);
      resolve(dim ? Number(dim[2] ?? dim[1]) : null);
    };
    helper
      .on('data', (chunk: string) => {
        if (decided) return;
        head += chunk.slice(0, 4096);
        if (head.length >= 4096 || /<(?:\w+:)?sheetData\b/.test(head)) finish();
      })
      .on('error', () => {
        if (!decided) {
          decided = true;
          reject(damaged());
        }
      })
      .on('end', finish)
      .resume();
  });
}

/**
 * The sheet's row count, without holding its XML: the <dimension> Excel writes at the
 * top when there is one, else the <row> tags counted while decompressing, stopping as
 * soon as the limit is passed.
 */
async function countRows(zip: JSZip, sheet: SheetEntry, o: { checkAddresses: boolean }): Promise<{ rows: number; exact: boolean; chars: number }> {
  const file = zip.file(sheet.path);
  if (!file) throw damaged();
  return new Promise((resolve, reject) => {
    let rows = 0;
    let chars = 0;
    let head = '';
    let tail = '';
    let refTail = '';
    let decided = false;
    // JSZip's streaming decompression (not in its type definitions).
    const helper = (file as unknown as { internalStream(type: 'string'): StreamHelper }).internalStream('string');
    const finish = (n: number, exact: boolean) => {
      if (decided) return;
      decided = true;
      helper.pause();
      resolve({ rows: n, exact, chars });
    };
    const refuse = (e: Error) => {
      if (decided) return;
      decided = true;
      helper.pause();
      reject(e);
    };
    helper
      .on('data', (chunk: string) => {
        if (decided) return;
        chars += chunk.length;
        if (chars > maxPartChars) return refuse(tooLarge(sheet.path));
        // Row and cell addresses beyond Excel's limits (exceljs would walk every row up to
        // a row number of two billion, blocking the app for minutes).
        if (o.checkAddresses) {
          const refText = refTail + chunk;
          for (const m of refText.matchAll(/\sr="([A-Za-z]*)(\d+)"/g)) {
            if (Number(m[2]) > excelMaxRows || (m[1] && (m[1].length > 3 || columnIndex(m[1].toUpperCase()) >= excelMaxColumns))) {
              return refuse(outOfRange(sheet.name, `${m[1]}${m[2]}`));
            }
          }
          refTail = refText.slice(-40);
        }
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
  // Mac Excel's 1904 date system (exceljs converts its own date formats, not the Chinese ones).
  const date1904 = Boolean((workbook.properties as { date1904?: boolean }).date1904);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => rows.push({ row: rowNumber, cells: cellsOf(row, date1904) }));
  return { name, rows };
}

/**
 * A large sheet read straight from its XML as JSZip decompresses it (UTF-8 decoded across
 * chunk boundaries, which exceljs's streaming reader gets wrong for Chinese text), rows
 * parsed as soon as they are complete. Values come out as the in-memory reader gives them:
 * shared and inline strings, numbers, booleans, formula results, and numbers in a date
 * format as dates.
 */
async function streamSheet(
  zip: JSZip,
  sheet: SheetEntry,
  total: number,
  progress: ((done: number, total: number) => void) | undefined,
  maxChars: number,
): Promise<Sheet> {
  const file = zip.file(sheet.path);
  if (!file) throw damaged();
  const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbookXml);
  const strings = parseSharedStrings((await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '');
  const dateStyles = parseDateStyles((await zip.file('xl/styles.xml')?.async('string')) ?? '');
  const rows: SheetRow[] = [];
  let lastRow = 0;
  const rowRe = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
  const cellRe = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  const parseRows = (xml: string) => {
    rowRe.lastIndex = 0;
    for (let m = rowRe.exec(xml); m; m = rowRe.exec(xml)) {
      const number = Number(attr(m[1]!, 'r')) || lastRow + 1;
      lastRow = number;
      if (number > excelMaxRows) throw outOfRange(sheet.name, String(number));
      if (rows.length >= maxImportRows) throw tooManyRows(sheet.name, rows.length + 1, false);
      const body = m[2];
      if (!body) continue;
      const cells: CellValue[] = [];
      let col = -1;
      cellRe.lastIndex = 0;
      for (let c = cellRe.exec(body); c; c = cellRe.exec(body)) {
        const attrs = c[1]!;
        const ref = attr(attrs, 'r');
        col = ref ? columnIndex(ref) : col + 1;
        if (col >= excelMaxColumns || (ref && /^[A-Za-z]{4}/.test(ref))) throw outOfRange(sheet.name, ref ?? String(col + 1));
        const value = xmlCellValue(attrs, c[2] ?? '', strings, dateStyles, date1904);
        if (value !== null) cells[col] = value;
      }
      for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = null;
      if (cells.length) rows.push({ row: number, cells });
      if (rows.length % 5000 === 0) progress?.(rows.length, total);
    }
  };
  await new Promise<void>((resolve, reject) => {
    let pending = '';
    let chars = 0;
    let failed = false;
    const helper = (file as unknown as { internalStream(type: 'string'): StreamHelper }).internalStream('string');
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      helper.pause();
      reject(e);
    };
    helper
      .on('data', (chunk: string) => {
        if (failed) return;
        chars += chunk.length;
        if (chars > Math.min(maxPartChars, maxChars)) return fail(tooLarge(sheet.path));
        pending += chunk;
        // Parse up to the end of the last complete row; keep the rest for the next chunk.
        const cut = lastRowEnd(pending);
        if (cut > 0) {
          try {
            parseRows(pending.slice(0, cut));
          } catch (e) {
            return fail(e as Error);
          }
          pending = pending.slice(cut);
        }
      })
      .on('error', () => fail(damaged()))
      .on('end', () => {
        if (failed) return;
        try {
          parseRows(pending);
          resolve();
        } catch (e) {
          fail(e as Error);
        }
      })
      .resume();
  });
  return { name: sheet.name, rows };
}

/** Where the last complete row element of `xml` ends (0 when none has ended yet). */
function lastRowEnd(xml: string): number {
  const re = /<\/(?:\w+:)?row>|<(?:\w+:)?row\b[^>]*\/>/g;
  let end = 0;
  // The last complete row ends at the last "row" in the text or just before the row
  // that follows it, so only the text from a little before that needs searching.
  re.lastIndex = Math.max(0, xml.lastIndexOf('row') - 4096);
  for (let m = re.exec(xml); m; m = re.exec(xml)) end = m.index + m[0].length;
  if (end === 0) {
    re.lastIndex = 0;
    for (let m = re.exec(xml); m; m = re.exec(xml)) end = m.index + m[0].length;
  }
  return end;
}

const attrPatterns = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`);
    attrPatterns.set(name, re);
  }
  return re.exec(attrs)?.[1];
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

function decodeText(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
      e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of a shared or inline string: its runs joined, phonetic guides left out. */
function stringText(xml: string): string {
  // Most strings are one run: <t>…</t> or <t xml:space="preserve">…</t>.
  if (xml.startsWith('<t') && (xml[2] === '>' || xml[2] === ' ') && xml.endsWith('</t>') && xml.indexOf('<', 2) === xml.length - 4) {
    return decodeText(xml.slice(xml.indexOf('>') + 1, -4));
  }
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let text = '';
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += m[1];
  return decodeText(text);
}

function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) out.push(m[1] ? stringText(m[1]) : '');
  return out;
}

/** Built-in number formats that show dates (including the Chinese ones, 27–36 and 50–58). */
const builtInDates = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** The cell style indexes (cellXfs) whose number format shows a date. */
function parseDateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    custom.set(id, decodeText(attr(m[1]!, 'formatCode') ?? ''));
  }
  const out = new Set<number>();
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const fmt = custom.get(id);
    if (fmt !== undefined ? isDateFormat(fmt) : builtInDates.has(id)) out.add(i);
    i++;
  }
  return out;
}

function xmlCellValue(attrs: string, body: string, strings: string[], dateStyles: Set<number>, date1904: boolean): CellValue {
  const type = attr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') {
    const is =
      body.startsWith('<is>') && body.endsWith('</is>') ? body.slice(4, -5) : /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body)?.[1];
    return is === undefined ? null : stringText(is);
  }
  const raw = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
  if (raw === undefined) return null;
  switch (type) {
    case 's':
      return strings[Number(raw)] ?? null;
    case 'str':
      return decodeText(raw);
    case 'b':
      return raw === '1' || raw === 'true';
    case 'e':
      return null;
    case 'd': {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? decodeText(raw) : d;
    }
    default: {
      const n = Number(raw);
      if (!Number.isFinite(n)) return decodeText(raw);
      const style = Number(attr(attrs, 's') ?? 0);
      if (dateStyles.has(style)) {
        // As exceljs converts: the serial's day and time as a UTC instant.
        const serial = date1904 ? n + 1462 : n;
        return serial >= 1 && serial <= 2958465 ? new Date(Math.round((serial - 25569) * 86_400_000)) : n;
      }
      return n;
    }
  }
}

function cellsOf(row: ExcelJS.Row, date1904: boolean): CellValue[] {
  const cells: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    // A merged cell repeats its master's value; only the master is kept so a merged
    // title row reads as one title.
    if (cell.isMerged && cell.master !== cell) return;
    cells[col - 1] = cellValue(cell.value, cell.numFmt, date1904);
  });
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
  return cells;
}

/** exceljs cell values (rich text, formulas, hyperlinks…) as plain values. */
function cellValue(v: ExcelJS.CellValue, numFmt: string | undefined, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number') {
    // exceljs reads the Chinese built-in date format (numFmt 31, yyyy年m月d日) as a plain
    // serial number: a date-looking format turns it back into a date.
    if (numFmt && isDateFormat(numFmt)) return serialToDate(date1904 ? v + 1462 : v) ?? v;
    return v;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue((v.result ?? null) as ExcelJS.CellValue, numFmt, date1904);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

function isDateFormat(fmt: string): boolean {
  const bare = fmt.replace(/"[^"]*"|\[[^\]]*\]/g, '');
  return /年|月|日/.test(fmt) || /[yd]/i.test(bare);
}

// Hand-made .xlsx files for hostile-input tests: every part written as XML, so a test can
// choose the date system, built-in number formats (31 = yyyy年m月d日, 57, 58), cell
// references and dimensions exceljs would never write, and a raw zip writer that packs
// already-deflated data (a zip bomb) without holding it inflated.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

export type XCell = string | number | { v: number; s: number } | null;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Style indexes of the cellXfs written by `stylesXml`. */
export const styleOf = { general: 0, date14: 1, cn31: 2, cn57: 3, cn58: 4 } as const;

export function stylesXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border/></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="5">' +
    [0, 14, 31, 57, 58].map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('') +
    '</cellXfs></styleSheet>'
  );
}

export function sheetXml(rows: XCell[][], options: { dimension?: string } = {}): string {
  const body = rows
    .map((cells, r) => {
      const n = r + 1;
      const cs = cells
        .map((c, i) => {
          const ref = `${columnName(i)}${n}`;
          if (c === null) return '';
          if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`;
          if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
          return `<c r="${ref}" s="${c.s}"><v>${c.v}</v></c>`;
        })
        .join('');
      return `<row r="${n}">${cs}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    (options.dimension ? `<dimension ref="${options.dimension}"/>` : '') +
    `<sheetData>${body}</sheetData></worksheet>`
  );
}

export interface Parts {
  [path: string]: string | Uint8Array;
}

/** The parts of a one-sheet workbook named `sheet`; date1904 switches the date system. */
export function workbookParts(rows: XCell[][], o: { sheet?: string; date1904?: boolean; dimension?: string; sharedStrings?: string } = {}): Parts {
  const parts: Parts = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      (o.sharedStrings !== undefined ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      (o.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
      `<sheets><sheet name="${esc(o.sheet ?? '活动')}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      (o.sharedStrings !== undefined
        ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        : '') +
      '</Relationships>',
    'xl/styles.xml': stylesXml(),
    'xl/worksheets/sheet1.xml': sheetXml(rows, { dimension: o.dimension }),
  };
  if (o.sharedStrings !== undefined) parts['xl/sharedStrings.xml'] = o.sharedStrings;
  return parts;
}

export async function zipParts(parts: Parts): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(parts)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export interface RawEntry {
  name: string;
  /** Deflated (raw) data. */
  deflated: Buffer;
  crc: number;
  size: number;
}

export function rawEntry(name: string, data: string | Buffer): RawEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
}

/**
 * `head`, then `repeat` `times` times, then `tail`, deflated without ever holding the
 * inflated text: a chunk is deflated once with a sync flush, and repeating it is a valid
 * stream that inflates to the repetition (the CRC is computed as it would be).
 */
export function bombEntry(name: string, head: string, repeat: string, times: number, tail: string): RawEntry {
  const d = deflateRawSync;
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const unit = Buffer.from(repeat.repeat(Math.max(1, Math.floor((1 << 20) / repeat.length))), 'utf8');
  const n = Math.ceil((times * Buffer.byteLength(repeat)) / unit.length);
  const headBytes = Buffer.from(head, 'utf8');
  const tailBytes = Buffer.from(tail, 'utf8');
  const unitDeflated = d(unit, flush);
  const parts = [d(headBytes, flush), ...Array.from({ length: n }, () => unitDeflated), deflateRawSync(tailBytes)];
  let crc = crc32(headBytes);
  for (let i = 0; i < n; i++) crc = crc32(unit, crc);
  crc = crc32(tailBytes, crc);
  const size = headBytes.length + n * unit.length + tailBytes.length;
  return { name, deflated: Buffer.concat(parts), crc, size: size >>> 0 };
}

/** A zip container of raw deflated entries (no zip64: sizes wrap at 4 GB, as a liar's would). */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

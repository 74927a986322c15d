// One report sheet in the layout every bureau report shares (domain.md): a merged title,
// 填报单位 on the left and 统计时段 on the right, one or two header rows, rows numbered by
// 序号, a 合计 row where numbers add, the 填表人/审核人/联系电话/填报日期 footer; frozen
// header, widths that fit Chinese text, A4 landscape one page wide with the header repeated.
// Rows arrive in chunks and are committed as they are written (exceljs's streaming
// writer), so a sheet of 100,000 rows is written in bounded memory.
import type ExcelJS from 'exceljs';
import type { ReportCell } from '../../api/reports';
import { looksLikeFormula, setText } from '../export/safe-cell';
import { clamp, displayWidth, headerFill, heightFor, linesIn, pageNumberFooter, pageSetupFor, subtotalFill, thin } from './layout';

export type ColumnType = 'text' | 'longText' | 'int' | 'number' | 'date' | 'percent';

export interface ReportColumn {
  header: string;
  /** A header over several adjacent columns (a second header row). */
  group?: string;
  type: ColumnType;
  /** Summed in the 合计 row. */
  sum?: boolean;
}

export interface SheetSpec {
  /** Worksheet tab name (at most 31 characters). */
  name: string;
  title: string;
  /** The data columns; 序号 comes first by itself. */
  columns: ReportColumn[];
  /** Data rows in all, for progress. */
  count: number;
  /** Data rows in chunks, each row one value per column (dates as YYYY-MM-DD). */
  chunks: () => AsyncIterable<ReportCell[][]>;
  /** Write a 合计 row: sums of the `sum` columns, with values the report computes itself. */
  totals?: { overrides?: () => Promise<Record<number, ReportCell>> };
}

export interface SheetFrame {
  unit: string;
  span: string;
  preparer: string;
  /** 填报日期, YYYY-MM-DD. */
  reportDate: string;
}

/** The streaming writer's worksheet: rows are committed and then gone from memory. */
type StreamingWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

const dateFormat = 'yyyy-mm-dd';
const numberFormats: Record<ColumnType, string | undefined> = {
  text: undefined,
  longText: undefined,
  int: '0',
  number: '0.0#',
  date: dateFormat,
  percent: '0.00',
};

function widthLimits(c: ReportColumn): [number, number] {
  switch (c.type) {
    case 'longText':
      return [16, 34];
    case 'text':
      return [8, 24];
    case 'date':
      return [12, 12];
    default:
      return [7, 14];
  }
}

function shown(v: ReportCell): string {
  return v === null ? '' : String(v);
}

/** A YYYY-MM-DD date as the Excel date of that day (exceljs writes a Date as its UTC day). */
function excelDate(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

function setValue(cell: ExcelJS.Cell, v: ReportCell, type: ColumnType): void {
  if (v === null || v === '') {
    cell.value = null;
  } else if (type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    cell.value = excelDate(v);
    cell.numFmt = dateFormat;
  } else if (typeof v === 'number') {
    cell.value = v;
    const fmt = numberFormats[type];
    if (fmt) cell.numFmt = fmt;
  } else {
    setText(cell, v);
  }
}

const centered = (t: ColumnType) => t === 'int' || t === 'number' || t === 'date' || t === 'percent';

/**
 * Writes one sheet; `tick(n)` is called after every chunk with the rows written so far
 * (it reports progress and throws when the export is cancelled).
 */
export async function writeReportSheet(
  wb: StreamingWorkbook,
  spec: SheetSpec,
  frame: SheetFrame,
  tick: (rowsWritten: number) => void,
): Promise<void> {
  const columns: ReportColumn[] = [{ header: '序号', type: 'int' }, ...spec.columns];
  const n = columns.length;
  const grouped = columns.some((c) => c.group);
  const headerTop = 3;
  const headerBottom = grouped ? 4 : 3;

  // The first chunk sizes the columns: the streaming writer needs widths before any row.
  const iterator = spec.chunks()[Symbol.asyncIterator]();
  const first = await iterator.next();
  const sample = first.done ? [] : first.value;
  const widths = columns.map((c, i) => {
    if (i === 0) return 6;
    const [lo, hi] = widthLimits(c);
    const data = Math.max(0, ...sample.map((r) => displayWidth(shown(r[i - 1] ?? null))));
    return clamp(Math.max(displayWidth(c.header) + 2, data + 2), lo, hi);
  });

  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerBottom, topLeftCell: `A${headerBottom + 1}`, activeCell: `A${headerBottom + 1}` }],
    pageSetup: pageSetupFor(`${headerTop}:${headerBottom}`),
    headerFooter: pageNumberFooter,
  });
  ws.columns = widths.map((width) => ({ width }));

  // Title and the 填报单位 / 统计时段 line.
  const title = ws.getRow(1);
  setText(title.getCell(1), spec.title);
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 34;
  ws.mergeCells(1, 1, 1, n);
  title.commit();
  const info = ws.getRow(2);
  const half = Math.max(1, Math.floor(n / 2));
  setText(info.getCell(1), `填报单位：${frame.unit}`);
  info.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
  setText(info.getCell(half + 1), frame.span);
  info.getCell(half + 1).alignment = { horizontal: 'right', vertical: 'middle' };
  info.height = 22;
  if (half > 1) ws.mergeCells(2, 1, 2, half);
  if (n - half > 1) ws.mergeCells(2, half + 1, 2, n);
  info.commit();

  // Header rows: a grouped header spans its columns; the others span both rows.
  const headerRows = grouped ? [ws.getRow(3), ws.getRow(4)] : [ws.getRow(3)];
  const headerWidths = columns.map((c, i) => linesIn(c.header, widths[i]!));
  for (const row of headerRows) {
    for (let col = 1; col <= n; col++) {
      const cell = row.getCell(col);
      cell.font = { bold: true };
      cell.fill = headerFill;
      cell.border = thin;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }
  if (grouped) {
    let col = 1;
    while (col <= n) {
      const c = columns[col - 1]!;
      if (!c.group) {
        setText(headerRows[0]!.getCell(col), c.header);
        ws.mergeCells(3, col, 4, col);
        col++;
        continue;
      }
      let end = col;
      while (end < n && columns[end]!.group === c.group) end++;
      setText(headerRows[0]!.getCell(col), c.group);
      if (end > col) ws.mergeCells(3, col, 3, end);
      for (let k = col; k <= end; k++) setText(headerRows[1]!.getCell(k), columns[k - 1]!.header);
      col = end + 1;
    }
    headerRows[0]!.height = 22;
    headerRows[1]!.height = heightFor(Math.max(...headerWidths));
  } else {
    columns.forEach((c, i) => setText(headerRows[0]!.getCell(i + 1), c.header));
    headerRows[0]!.height = heightFor(Math.max(...headerWidths));
  }
  for (const row of headerRows) row.commit();

  // Data rows, committed chunk by chunk. Each column's style is one shared object, so the
  // streaming writer recognises it (by identity) instead of serialising a style per cell.
  const styles = columns.map((c, i) => {
    const wrap = c.type === 'text' || c.type === 'longText';
    const base: Partial<ExcelJS.Style> = {
      border: thin,
      alignment: { vertical: 'middle', horizontal: i === 0 || centered(c.type) ? 'center' : 'left', wrapText: wrap },
      ...(numberFormats[c.type] ? { numFmt: numberFormats[c.type]! } : {}),
    };
    return { base, text: { ...base, numFmt: '@' }, plain: { border: base.border!, alignment: base.alignment! } };
  });
  const sums = columns.map(() => 0);
  let r = headerBottom + 1;
  let serial = 0;
  const writeRows = (rows: ReportCell[][]) => {
    for (const values of rows) {
      serial++;
      const row = ws.getRow(r++);
      let lines = 1;
      columns.forEach((c, i) => {
        const v = i === 0 ? serial : (values[i - 1] ?? null);
        const cell = row.getCell(i + 1);
        const style = styles[i]!;
        if (v === null || v === '') {
          cell.style = style.plain;
        } else if (typeof v === 'number') {
          cell.value = v;
          cell.style = style.base;
          if (c.sum) sums[i] = sums[i]! + v;
        } else if (c.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
          cell.value = excelDate(v);
          cell.style = style.base;
        } else {
          // User text: a value that a spreadsheet could take for a formula gets the Text format.
          cell.value = v;
          cell.style = looksLikeFormula(v) ? style.text : c.type === 'text' || c.type === 'longText' ? style.base : style.plain;
          if (c.type === 'text' || c.type === 'longText') lines = Math.max(lines, linesIn(v, widths[i]!));
        }
      });
      row.height = heightFor(lines);
      row.commit();
    }
  };
  if (!first.done) {
    writeRows(sample);
    tick(serial);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      writeRows(next.value);
      tick(serial);
    }
  }

  if (spec.totals) {
    const overrides = (await spec.totals.overrides?.()) ?? {};
    const row = ws.getRow(r);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const override = i > 0 ? overrides[i - 1] : undefined;
      const v: ReportCell = i === 0 ? '合计' : override !== undefined ? override : c.sum ? round2(sums[i]!) : null;
      setValue(cell, v, c.type);
      cell.font = { bold: true };
      cell.fill = subtotalFill;
      cell.border = thin;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    });
    row.height = 22;
    row.commit();
    r++;
  }

  const footer = ws.getRow(r + 1);
  const gap = '　　　　　　';
  setText(footer.getCell(1), `填表人：${frame.preparer || gap}${gap}审核人：${gap}${gap}联系电话：${gap}${gap}填报日期：${chineseDay(frame.reportDate)}`);
  footer.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
  footer.height = 24;
  ws.mergeCells(r + 1, 1, r + 1, n);
  footer.commit();
  ws.commit();
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function chineseDay(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

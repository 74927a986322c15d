// What every printable workbook the app writes shares (reports, the 评价指标 sheet): column
// widths that count a Chinese character as two, row heights for wrapped text, thin
// borders, the header fill, and the print setup bureaus expect — A4 landscape, one page
// wide, header rows repeated on every page, page numbers in the footer.
import type ExcelJS from 'exceljs';

/** Hangul Jamo, CJK, Hangul syllables, compatibility ideographs and forms, full-width forms. */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/**
 * Columns in character widths of the default font: a CJK character takes two. (Called for
 * every text cell of a report: character codes, not a regular expression per character.)
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++; // one character outside the BMP: narrow
      w += 1;
    } else w += isWide(c) ? 2 : 1;
  }
  return w;
}

/** Lines a text takes in a wrapped column of that width. */
export function linesIn(text: string | null, width: number): number {
  if (!text) return 1;
  const usable = Math.max(4, width - 2);
  return text.split(/\r\n|\r|\n/).reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

export const lineHeight = 15;
export const heightFor = (lines: number) => Math.max(20, lines * lineHeight + 6);
export const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

export const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
export const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
export const subtotalFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/** A4 landscape, one page wide, the header repeated on every page, page numbers below. */
export function pageSetupFor(titleRows: string): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: titleRows,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
}

export const pageNumberFooter = { oddFooter: '&C第 &P 页，共 &N 页' };

export function printSetup(ws: ExcelJS.Worksheet, titleRows: string): void {
  ws.pageSetup = pageSetupFor(titleRows) as ExcelJS.PageSetup;
  ws.headerFooter = pageNumberFooter;
}

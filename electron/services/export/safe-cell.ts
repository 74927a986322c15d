// Text from the ledger (a name, a rule, a note a clerk typed) must open in Excel, WPS and
// LibreOffice as the text it is. exceljs always writes a string as a string cell, never as
// a formula; text that a spreadsheet app would take for a formula once the cell is edited
// or the sheet is re-saved as CSV (=, +, -, @, tab, CR, LF first) is also given the Text
// number format (@), so the app keeps it as text. The stored value stays exactly as typed.
import type ExcelJS from 'exceljs';

/** Text a spreadsheet app could take for a formula or a command. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r\n]/.test(text);
}

/** Puts user text (null: an empty cell) into a cell so it is always shown as text. */
export function setText(cell: ExcelJS.Cell, text: string | null | undefined): void {
  cell.value = text ?? null;
  if (text && looksLikeFormula(text)) cell.numFmt = '@';
}

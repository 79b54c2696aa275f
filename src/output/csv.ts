/**
 * CSV cells safe to open in a spreadsheet (OWASP "CSV injection"): a cell that begins with
 * = + - @, a tab or a carriage return is read as a formula by Excel, LibreOffice and Google
 * Sheets (a file named "=HYPERLINK(…).txt" would become a live link), so such cells get a
 * leading apostrophe, which spreadsheets show as text. Every CSV writer (export, query) casts
 * its cells through `CSV_CAST`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormulaCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** csv-stringify `cast` option: strings escaped; numbers are numbers, never formulas, and stay as written. */
export const CSV_CAST = { string: escapeFormulaCell, number: (n: number) => String(n) };

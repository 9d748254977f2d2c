import { stringify } from 'csv-stringify/sync';

/** What a cell may hold. Numbers are the app's own figures; strings may come from anyone. */
export type CsvCell = string | number | null | undefined;

// A spreadsheet runs a cell starting with one of these as a formula (tab and carriage return because
// some programs skip them before looking). OWASP's rule for CSV injection.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe to open in a spreadsheet: one starting like a formula gets a leading single
 * quote, which spreadsheets show as text and do not evaluate. Visitors type names, answers and
 * notes that end up in organizers' exports, so every text cell is guarded, headers included.
 */
export function csvSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The app's one CSV writer: every export goes through it so none can forget the formula guard.
 * Numbers are written as numbers (a negative figure the app computed stays a number); every string,
 * wherever it came from, is guarded. UTF-8 with a byte-order mark by default, so Excel reads accents.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  opts: { bom?: boolean; recordDelimiter?: '\r\n' | '\n' } = {},
): string {
  const cell = (v: CsvCell) => (typeof v === 'number' ? String(v) : csvSafe(v ?? ''));
  const text = stringify([header.map(cell), ...rows.map((r) => r.map(cell))], { record_delimiter: opts.recordDelimiter ?? '\r\n' });
  return ((opts.bom ?? true) ? '\uFEFF' : '') + text;
}

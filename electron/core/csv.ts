// CSV for people who open it in a spreadsheet: every field quoted, and no cell, however the spreadsheet
// splits the line, can start a formula. Spreadsheets split on the list separator of their locale (a comma,
// a semicolon, a tab) and not all of them honour quotes, so text that is safe when split on commas can start
// a formula after a semicolon: `see note;=cmd|' /C calc'!A0;`.

/** What a spreadsheet takes as the start of a formula (the full-width forms too, which some locales accept). */
const FORMULA = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20';
/** Where some spreadsheet starts a new cell or row: list separators of every locale, and line breaks. */
const SPLIT = ',;\\t\\r\\n';

const startsFormula = new RegExp(`^[\\s"]*[${FORMULA}]`, 'u');
const formulaAfterSplit = new RegExp(`([${SPLIT}][\\s"]*)(?=[${FORMULA}])`, 'gu');

/**
 * A cell's text made inert: an apostrophe before a formula character that opens the text or follows a
 * separator (spaces and quotes between them included), and before a leading tab or carriage return. The
 * apostrophe is what spreadsheets themselves use to say "this is text", so the reader still sees it all.
 */
export function guardCell(text: string): string {
  const inner = text.replace(formulaAfterSplit, "$1'");
  return startsFormula.test(inner) || /^[\t\r]/.test(inner) ? `'${inner}` : inner;
}

/** What a cell holds: text or a number; null and undefined are an empty cell. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/** One field: always quoted, quotes doubled, guarded. Null and undefined are empty. */
export function csvField(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  return `"${guardCell(text).replace(/"/g, '""')}"`;
}

export const csvRow = (values: readonly CsvValue[]): string => values.map(csvField).join(',');

/** Rows (a header first) as a CSV document: comma-separated, CRLF line ends, one after the last row too. */
export const csvDocument = (rows: readonly (readonly CsvValue[])[]): string => rows.map(csvRow).join('\r\n') + '\r\n';

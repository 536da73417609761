import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | Date | null | undefined;

/**
 * The product's one CSV writer (every CSV route uses it): RFC 4180 quoting, CRLF line ends, and a cell
 * that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR, or their
 * full-width forms) is prefixed with `'`. Booleans are written `true`/`false`, dates as ISO 8601, null as empty.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify([[...columns], ...rows.map((row) => [...row])], {
    escape_formulas: true,
    record_delimiter: 'windows',
    eof: true,
    cast: { boolean: (value) => String(value), date: (value) => value.toISOString() },
  });
}

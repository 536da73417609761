import { parse } from 'csv-parse/sync';

/** Reads RFC 4180 text back into rows (a trailing line break ends the last row, it does not start a new one). */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
}

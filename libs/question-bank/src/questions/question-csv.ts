import type { FieldProblem } from '@loopwright/core';
import { parseCsv } from './csv.js';
import type { ExportedQuestionDto } from './question.dto.js';

/** CSV columns; lists are joined with `|` (tags, roles) or a line break (follow-ups, which are sentences). */
export const CSV_COLUMNS = [
  'pillar',
  'title',
  'prompt',
  'rubric_strong_no',
  'rubric_no',
  'rubric_yes',
  'rubric_strong_yes',
  'followUps',
  'tags',
  'difficulty',
  'roles',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns an imported CSV may leave out (an empty cell means the same: no follow-ups, tags or roles). */
const OPTIONAL_COLUMNS: ReadonlySet<CsvColumn> = new Set(['followUps', 'tags', 'roles']);

/**
 * A cell the writer escaped: one or more `'`, then a character the CSV writer (`toCsv`, csv-stringify's
 * `escape_formulas`) puts a `'` before: `=`, `+`, `-`, `@`, tab, CR and their full-width forms.
 */
const ESCAPED_FORMULA = /^'+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Text that already looks escaped (`'=x`, `''-x`) gets one more `'` before the writer sees it, so that
 * reading back (which removes exactly one `'` from such cells) is lossless; the writer itself escapes
 * cells starting with a formula character.
 */
function guardEscape(text: string): string {
  return ESCAPED_FORMULA.test(text) ? `'${text}` : text;
}

/** The inverse of the writer's formula escape plus `guardEscape`: `'=1+1` reads as `=1+1`, `''=x` as `'=x`. */
export function unescapeFormula(cell: string): string {
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/** One CSV row per question, in the order of `CSV_COLUMNS` (the writer escapes formula-like cells). */
export function questionToCsvCells(question: ExportedQuestionDto): string[] {
  return [
    question.pillar,
    question.title,
    question.prompt,
    question.rubric.strong_no,
    question.rubric.no,
    question.rubric.yes,
    question.rubric.strong_yes,
    question.followUps.join('\n'),
    question.tags.join('|'),
    String(question.difficulty),
    question.roles.join('|'),
  ].map(guardEscape);
}

/** A data row of an imported CSV: its number as a person counts (first row after the header = 1) and its fields. */
export interface CsvQuestionRow {
  row: number;
  fields: Record<string, unknown>;
}

export type CsvReadResult = { ok: true; rows: CsvQuestionRow[] } | { ok: false; problems: FieldProblem[] };

const splitList = (cell: string, separator: RegExp): string[] =>
  cell
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** A difficulty cell: an integer-looking cell becomes a number; anything else stays text for the validator to name. */
function readDifficulty(cell: string): unknown {
  const text = cell.trim();
  if (text === '') return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** The object `ImportQuestionDto` validates, from one row's cells by column (missing columns read as empty). */
function toFields(cells: Map<CsvColumn, string>): Record<string, unknown> {
  const cell = (column: CsvColumn): string => unescapeFormula(cells.get(column) ?? '');
  const pillar = cell('pillar').trim();
  return {
    pillar: pillar === '' ? undefined : pillar,
    title: cell('title'),
    prompt: cell('prompt'),
    rubric: { strong_no: cell('rubric_strong_no'), no: cell('rubric_no'), yes: cell('rubric_yes'), strong_yes: cell('rubric_strong_yes') },
    followUps: splitList(cell('followUps'), /\r?\n|\r/),
    tags: splitList(cell('tags'), /\|/),
    difficulty: readDifficulty(cell('difficulty')),
    roles: splitList(cell('roles'), /\|/),
  };
}

/**
 * Reads an import CSV with the export's header (columns in any order; `followUps`, `tags`, `roles` may be left
 * out). Blank rows are skipped but still counted, so row numbers match what a spreadsheet shows below the header.
 * Problems with the text itself (quoting, header, cell counts, NUL characters) come back named `header` or by row number.
 */
export function readQuestionsCsv(text: string): CsvReadResult {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (error) {
    const parsed = typeof (error as { records?: unknown }).records === 'number' ? (error as { records: number }).records : 0;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ field: parsed === 0 ? 'header' : String(parsed), problems: [`not readable as CSV: ${message}`] }] };
  }
  const [header, ...data] = records;
  if (header === undefined || header.every((name) => name.trim() === ''))
    return { ok: false, problems: [{ field: 'header', problems: [`the first row must name the columns: ${CSV_COLUMNS.join(',')}`] }] };

  const names = header.map((name) => name.trim());
  const headerProblems: string[] = [];
  const known = new Set<string>(CSV_COLUMNS);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0)
    headerProblems.push(`unknown column(s) ${unknown.map((name) => `"${name}"`).join(', ')}; the columns are ${CSV_COLUMNS.join(',')}`);
  const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  if (repeated.length > 0) headerProblems.push(`column(s) named twice: ${repeated.join(', ')}`);
  const missing = CSV_COLUMNS.filter((column) => !OPTIONAL_COLUMNS.has(column) && !names.includes(column));
  if (missing.length > 0) headerProblems.push(`missing column(s): ${missing.join(', ')}`);
  if (headerProblems.length > 0) return { ok: false, problems: [{ field: 'header', problems: headerProblems }] };

  const columns = names as CsvColumn[];
  const problems: FieldProblem[] = [];
  const rows: CsvQuestionRow[] = [];
  for (const [index, record] of data.entries()) {
    const row = index + 1;
    if (record.every((cell) => cell.trim() === '')) continue;
    if (record.length !== columns.length) {
      problems.push({ field: String(row), problems: [`the row has ${record.length} cell(s), the header ${columns.length}`] });
      continue;
    }
    const withNul = columns.filter((_column, position) => record[position]!.includes('\u0000'));
    if (withNul.length > 0) {
      problems.push(...withNul.map((column) => ({ field: `${row}.${column}`, problems: ['must not contain NUL characters'] })));
      continue;
    }
    rows.push({ row, fields: toFields(new Map(columns.map((column, position) => [column, record[position]!]))) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/**
 * A validation path of `ImportQuestionDto` as the CSV column a person edits: `rubric.no` → `rubric_no`,
 * `tags.3` → `tags`, `followUps.0` → `followUps`.
 */
export function csvColumnOf(path: string): string {
  const [head, next] = path.split('.');
  if (head === 'rubric' && next !== undefined) return `rubric_${next}`;
  return head ?? path;
}

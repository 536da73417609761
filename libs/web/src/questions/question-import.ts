import { type AppError, validationFailed, type FieldProblem } from '@loopwright/core';
import type { UploadedFile } from '../http/multipart-form.js';

/** One problem of a refused import, as the error table shows it. */
export interface ImportProblemRow {
  row: string;
  field: string;
  message: string;
}

export type ImportFormat = 'json' | 'csv';

/** What to import: the chosen file, else the pasted text; JSON or CSV by the file's name or type, else by its first character. */
export function importSource(file: UploadedFile | undefined, pasted: string): { format: ImportFormat; text: string } {
  const fromFile = file !== undefined && (file.filename !== '' || file.data.length > 0);
  const text = fromFile ? file.data.toString('utf8') : pasted;
  if (text.trim() === '') throw validationFailed([{ field: 'file', problems: ['Choose a JSON or CSV file, or paste the questions'] }]);
  const name = fromFile ? file.filename.toLowerCase() : '';
  const type = fromFile ? (file.contentType ?? '').toLowerCase() : '';
  if (name.endsWith('.json') || type.includes('json')) return { format: 'json', text };
  if (name.endsWith('.csv') || type.includes('csv')) return { format: 'csv', text };
  return { format: /^\s*[[{]/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'csv', text };
}

/** Parsed JSON, or a 400 that says where the text stops being JSON. */
export function parseImportJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw validationFailed([
      { field: 'body', problems: [`not readable as JSON: ${error instanceof Error ? error.message : String(error)}`] },
    ]);
  }
}

/**
 * The import's refusal as table rows: the API names a problem `3.rubric_no` (CSV: row 3 below the header, column
 * rubric_no; JSON: array index 3, counted here from 1 like the CSV rows), `header`, or `body` for the whole file.
 */
export function importProblemRows(error: AppError, format: ImportFormat): ImportProblemRow[] {
  const fields = (Array.isArray(error.details?.fields) ? error.details.fields : []) as FieldProblem[];
  if (fields.length === 0) return [{ row: '—', field: '—', message: error.message }];
  return fields.flatMap(({ field, problems }) => {
    const match = /^(\d+)(?:\.(.+))?$/.exec(field);
    const row = match ? String(format === 'json' ? Number(match[1]) + 1 : Number(match[1])) : field === 'header' ? 'Header' : '—';
    const name = match ? (match[2] ?? '(the whole row)') : field === 'header' || field === 'body' || field === 'file' ? '—' : field;
    return problems.map((message) => ({ row, field: name, message }));
  });
}

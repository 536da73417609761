import { validationFailed } from '@loopwright/core';
import { importProblemRows, importSource, parseImportJson } from './question-import.js';

const file = (filename: string, text: string, contentType: string | null = null) => ({ filename, contentType, data: Buffer.from(text) });

describe('the import form', () => {
  it('takes the chosen file before the pasted text, JSON or CSV by its name or type, else by its first character', () => {
    expect(importSource(file('qs.CSV', '[not json'), 'ignored')).toEqual({ format: 'csv', text: '[not json' });
    expect(importSource(file('qs', '{}', 'application/json'), '')).toEqual({ format: 'json', text: '{}' });
    expect(importSource(file('', ''), '\uFEFF [ ]').format).toBe('json');
    expect(importSource(undefined, 'pillar,title').format).toBe('csv');
  });

  it('refuses an empty form and unreadable JSON with a 400 naming the problem', () => {
    expect(() => importSource(file('', ''), '  ')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => parseImportJson('[{')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('turns the API’s problems into table rows: CSV rows as numbered, JSON indexes counted from 1, the header and the file named', () => {
    const error = validationFailed([
      { field: '2.difficulty', problems: ['difficulty must not be greater than 5'] },
      { field: '3', problems: ['the row has 2 cell(s), the header 11'] },
      { field: 'header', problems: ['missing column(s): prompt'] },
    ]);
    expect(importProblemRows(error, 'csv')).toEqual([
      { row: '2', field: 'difficulty', message: 'difficulty must not be greater than 5' },
      { row: '3', field: '(the whole row)', message: 'the row has 2 cell(s), the header 11' },
      { row: 'Header', field: '—', message: 'missing column(s): prompt' },
    ]);
    expect(importProblemRows(validationFailed([{ field: '0.rubric.no', problems: ['rubric.no must not be empty'] }]), 'json')).toEqual([
      { row: '1', field: 'rubric.no', message: 'rubric.no must not be empty' },
    ]);
  });
});

import { toCsv } from '@loopwright/core';
import fc from 'fast-check';
import { CSV_COLUMNS, csvColumnOf, questionToCsvCells, readQuestionsCsv, unescapeFormula, type CsvReadResult } from './question-csv.js';
import type { ExportedQuestionDto } from './question.dto.js';

const question = (overrides: Partial<ExportedQuestionDto> = {}): ExportedQuestionDto => ({
  pillar: 'coding',
  title: 'Deduplicate a stream',
  prompt: 'Write a function that deduplicates a stream.',
  rubric: { strong_no: 'Nothing.', no: 'Little.', yes: 'Solid.', strong_yes: 'Deep.' },
  followUps: ['What if it does not fit in memory?'],
  tags: ['streams'],
  difficulty: 3,
  roles: ['ai_engineer'],
  ...overrides,
});

const exportCsv = (questions: ExportedQuestionDto[]): string => toCsv(CSV_COLUMNS, questions.map(questionToCsvCells));

/** What the reader gives back for an exported question (the object the import validates). */
const asFields = (item: ExportedQuestionDto): Record<string, unknown> => ({
  pillar: item.pillar,
  title: item.title,
  prompt: item.prompt,
  rubric: item.rubric,
  followUps: item.followUps,
  tags: item.tags,
  difficulty: item.difficulty,
  roles: item.roles,
});

const rowsOf = (result: CsvReadResult): { row: number; fields: Record<string, unknown> }[] => {
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.rows;
};
const problemsOf = (result: CsvReadResult): { field: string; problems: string[] }[] => {
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('question CSV', () => {
  it('reads the export back to the same questions, formula-escaped cells included', () => {
    const questions = [
      question({
        title: '=SUM(A1:A3) is not a formula here',
        prompt: '- a markdown list\n- second item\r\n\r\n"quoted", with commas',
        rubric: { strong_no: '+1 for trying', no: '@mention', yes: '\uFF1Dfull-width', strong_yes: "'=already quoted" },
        followUps: ['-first?', '=second?', 'Third, with "quotes"?'],
        tags: ['-negative', 'b'],
        roles: [],
      }),
      question({ title: "''+two quotes", followUps: [], tags: [], roles: ['ai_engineer', 'ml_engineer'], difficulty: 5 }),
    ];
    const text = exportCsv(questions);
    expect(text).toContain("'=SUM(A1:A3)");
    expect(text).toContain('"\'- a markdown list');
    expect(rowsOf(readQuestionsCsv(text))).toEqual(questions.map((item, index) => ({ row: index + 1, fields: asFields(item) })));
  });

  it('round-trips any text the export can hold', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((value) => !value.includes('\u0000'));
    const prefixed = fc
      .tuple(fc.constantFrom('', "'", "''", '=', '-', '+', '@', '\t', "'-", '\uFF20'), text)
      .map(([head, rest]) => head + rest);
    const item = (pattern: RegExp) =>
      fc
        .string({ minLength: 1, maxLength: 12 })
        .map((value) => value.trim())
        .filter((value) => value !== '' && !pattern.test(value) && !value.includes('\u0000'));
    fc.assert(
      fc.property(
        prefixed,
        prefixed,
        prefixed,
        fc.array(item(/[\r\n]/), { maxLength: 3 }),
        fc.array(item(/\|/), { maxLength: 3 }),
        (title, prompt, yes, followUps, tags) => {
          const exported = question({ title, prompt, rubric: { ...question().rubric, yes }, followUps, tags });
          expect(rowsOf(readQuestionsCsv(exportCsv([exported])))).toEqual([{ row: 1, fields: asFields(exported) }]);
        },
      ),
    );
  });

  it('undoes exactly one escape quote, and only before a formula character', () => {
    expect(unescapeFormula("'=1+1")).toBe('=1+1');
    expect(unescapeFormula("''=x")).toBe("'=x");
    expect(unescapeFormula("'plain")).toBe("'plain");
    expect(unescapeFormula('=raw')).toBe('=raw');
  });

  it('numbers rows as a person counts them: multi-line cells are one row, blank rows count but are skipped', () => {
    const text =
      `${CSV_COLUMNS.join(',')}\r\n` +
      'coding,First,"Line one\r\nLine two\r\n\r\nLine four",a,b,c,d,"One?\nTwo?",x|y,2,ai_engineer\r\n' +
      '\r\n' +
      'coding,Third,Prompt,a,b,c,d,,,4,\r\n' +
      'coding,Fourth,too few cells\r\n';
    expect(problemsOf(readQuestionsCsv(text))).toEqual([{ field: '4', problems: ['the row has 3 cell(s), the header 11'] }]);
    const rows = rowsOf(readQuestionsCsv(text.split('coding,Fourth')[0]!));
    expect(rows.map((row) => row.row)).toEqual([1, 3]);
    expect(rows[0]?.fields).toMatchObject({
      prompt: 'Line one\r\nLine two\r\n\r\nLine four',
      followUps: ['One?', 'Two?'],
      tags: ['x', 'y'],
      difficulty: 2,
    });
    expect(rows[1]?.fields).toMatchObject({ followUps: [], tags: [], roles: [], difficulty: 4 });
  });

  it('accepts the columns in any order, without the optional ones, after a byte order mark', () => {
    const text =
      '\uFEFFtitle,pillar,difficulty,prompt,rubric_strong_yes,rubric_yes,rubric_no,rubric_strong_no\r\nT,coding,1,P,sy,y,n,sn\r\n';
    expect(rowsOf(readQuestionsCsv(text))[0]?.fields).toEqual({
      pillar: 'coding',
      title: 'T',
      prompt: 'P',
      rubric: { strong_no: 'sn', no: 'n', yes: 'y', strong_yes: 'sy' },
      followUps: [],
      tags: [],
      difficulty: 1,
      roles: [],
    });
  });

  it('names header problems: unknown, repeated and missing columns', () => {
    const [problem] = problemsOf(readQuestionsCsv('pillar,title,title,rubric,difficulty\r\n'));
    expect(problem?.field).toBe('header');
    expect(problem?.problems).toEqual([
      expect.stringContaining('"rubric"'),
      'column(s) named twice: title',
      'missing column(s): prompt, rubric_strong_no, rubric_no, rubric_yes, rubric_strong_yes',
    ]);
    expect(problemsOf(readQuestionsCsv(''))).toEqual([{ field: 'header', problems: [expect.stringContaining('must name the columns')] }]);
  });

  it('names the row where the CSV stops being readable, and cells with NUL characters', () => {
    const header = `${CSV_COLUMNS.join(',')}\r\n`;
    const good = 'coding,T,P,a,b,c,d,,,1,\r\n';
    expect(problemsOf(readQuestionsCsv(`${header}${good}${good}coding,"unclosed,P,a,b,c,d,,,1,\r\n`))).toEqual([
      { field: '3', problems: [expect.stringMatching(/^not readable as CSV: Quote Not Closed/)] },
    ]);
    expect(problemsOf(readQuestionsCsv(`${header}${good}coding,T,P\u0000,a,b,c,d,,,1,\r\n`))).toEqual([
      { field: '2.prompt', problems: ['must not contain NUL characters'] },
    ]);
  });

  it('keeps a difficulty that is not a number as text, for the validator to name', () => {
    const text = `${CSV_COLUMNS.join(',')}\r\ncoding,T,P,a,b,c,d,,,hard,\r\ncoding,T,P,a,b,c,d,,,,\r\n`;
    expect(rowsOf(readQuestionsCsv(text)).map((row) => row.fields.difficulty)).toEqual(['hard', undefined]);
  });

  it('names validation paths by CSV column', () => {
    expect(['rubric.no', 'rubric.strong_yes', 'tags.3', 'followUps.0', 'difficulty', 'rubric'].map(csvColumnOf)).toEqual([
      'rubric_no',
      'rubric_strong_yes',
      'tags',
      'followUps',
      'difficulty',
      'rubric',
    ]);
  });
});

import { parse } from 'csv-parse/sync';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes only fields that need it, with CRLF rows that read back to the same fields', () => {
    const rows = [
      ['Commas, "quotes"', 'Line one\nLine two\r\nLine three'],
      ['', '""'],
      ['plain', 'x'],
    ];
    const text = toCsv(['title', 'prompt'], rows);
    expect(text).toBe('title,prompt\r\n"Commas, ""quotes""","Line one\nLine two\r\nLine three"\r\n,""""""\r\nplain,x\r\n');
    expect(parse(text)).toEqual([['title', 'prompt'], ...rows]);
  });

  it('writes booleans, numbers, dates and null as a spreadsheet reads them', () => {
    expect(toCsv(['a', 'b', 'c', 'd', 'e'], [[true, false, 3, new Date('2026-01-02T03:04:05.000Z'), null]])).toBe(
      'a,b,c,d,e\r\ntrue,false,3,2026-01-02T03:04:05.000Z,\r\n',
    );
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil.test","click")', '\uFF1D1'])(
    'escapes the formula %j',
    (cell) => {
      const [, row] = parse(toCsv(['cell'], [[cell]]), { relax_quotes: true }) as string[][];
      expect(row?.[0]).toBe(`'${cell}`);
    },
  );

  it('leaves negative numbers as numbers', () => {
    expect(toCsv(['n'], [[-1]])).toBe('n\r\n-1\r\n');
  });
});

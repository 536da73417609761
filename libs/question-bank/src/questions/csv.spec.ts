import { toCsv } from '@loopwright/core';
import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads CRLF rows with quoted fields back to the same fields', () => {
    const rows = [
      ['Commas, "quotes"', 'Line one\nLine two\r\nLine three'],
      ['', '""'],
    ];
    expect(parseCsv(toCsv(['title', 'prompt'], rows))).toEqual([['title', 'prompt'], ...rows]);
  });

  it('does not turn a trailing line break into an empty row', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

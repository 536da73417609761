import { csvField, parseCsv, toCsv } from './csv.js';

describe('csv', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('');
  });

  it('writes CRLF rows that read back to the same fields', () => {
    const rows = [
      ['title', 'prompt'],
      ['Commas, "quotes"', 'Line one\nLine two\r\nLine three'],
      ['', '""'],
    ];
    const text = toCsv(rows);
    expect(text).toBe('title,prompt\r\n"Commas, ""quotes""","Line one\nLine two\r\nLine three"\r\n,""""""\r\n');
    expect(parseCsv(text)).toEqual(rows);
  });
});

import { readMultipart } from './multipart-form.js';

const TYPE = 'multipart/form-data; boundary=----form7';

const body = (...parts: string[]): Buffer =>
  Buffer.from(`preamble\r\n${parts.map((part) => `------form7\r\n${part}\r\n`).join('')}------form7--\r\n`);

describe('readMultipart', () => {
  it('reads text fields and files by name, keeping the file’s bytes and name', () => {
    const read = readMultipart(
      body(
        'Content-Disposition: form-data; name="paste"\r\n\r\nline one\r\nline two',
        'Content-Disposition: form-data; name="file"; filename="qs \\"new\\".csv"\r\nContent-Type: text/csv\r\n\r\npillar,title\r\nä,b\r\n',
      ),
      TYPE,
    );
    expect(read.readable).toBe(true);
    if (!read.readable) return;
    expect(read.fields.get('paste')).toBe('line one\r\nline two');
    const file = read.files.get('file')!;
    expect(file.filename).toBe('qs "new".csv');
    expect(file.contentType).toBe('text/csv');
    expect(file.data.toString('utf8')).toBe('pillar,title\r\nä,b\r\n');
  });

  it('reads an empty file input as a file with no name and no bytes', () => {
    const read = readMultipart(
      body('Content-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n'),
      TYPE,
    );
    expect(read.readable && read.files.get('file')).toEqual({
      filename: '',
      contentType: 'application/octet-stream',
      data: Buffer.alloc(0),
    });
  });

  it('refuses a body without boundary, a truncated body and a field sent twice', () => {
    expect(readMultipart(Buffer.from('x'), 'multipart/form-data')).toEqual({
      readable: false,
      problem: 'the form has no multipart boundary',
    });
    expect(readMultipart(Buffer.from('------form7\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'), TYPE).readable).toBe(false);
    const twice = readMultipart(
      body('Content-Disposition: form-data; name="a"\r\n\r\n1', 'Content-Disposition: form-data; name="a"\r\n\r\n2'),
      TYPE,
    );
    expect(twice).toEqual({ readable: false, problem: 'a must be sent once' });
  });
});

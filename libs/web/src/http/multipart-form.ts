import { RouteConfig } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';

/** A file of a posted form. */
export interface UploadedFile {
  filename: string;
  contentType: string | null;
  data: Buffer;
}

/**
 * A `multipart/form-data` body as the parser hands it to the controller: text fields and files by name, or why it
 * could not be read (the controller answers that as a 400 page, not the parser as a bare error).
 */
export type MultipartBody =
  { readable: true; fields: Map<string, string>; files: Map<string, UploadedFile> } | { readable: false; problem: string };

const MULTIPART_BODY = 'multipartBody';

/** The page route takes a `multipart/form-data` form (a file input); every other route answers it 415, as before. */
export const AcceptsMultipartForm = (): MethodDecorator => RouteConfig({ [MULTIPART_BODY]: true });

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

/** A parameter of a header value (`boundary=…`, `name="…"`), quoted or not. */
function parameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(header);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? null);
}

/**
 * Reads an RFC 7578 body: parts between `--boundary` lines, each with a Content-Disposition naming the field (and,
 * for a file, its file name). Text fields are UTF-8; a field or file sent twice makes the form unreadable.
 */
export function readMultipart(body: Buffer, contentType: string): MultipartBody {
  const boundary = parameter(contentType, 'boundary');
  if (!boundary) return { readable: false, problem: 'the form has no multipart boundary' };
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new Map<string, string>();
  const files = new Map<string, UploadedFile>();
  let at = body.indexOf(delimiter);
  if (at < 0) return { readable: false, problem: 'the form has no parts' };
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return { readable: true, fields, files };
    if (!body.subarray(at, at + 2).equals(CRLF)) return { readable: false, problem: 'a part of the form is malformed' };
    const headersEnd = body.indexOf(HEADERS_END, at + 2);
    if (headersEnd < 0) return { readable: false, problem: 'a part of the form has no end of headers' };
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd + HEADERS_END.length);
    if (next < 0) return { readable: false, problem: 'the form ends before its last part' };
    const headers = new Map(
      body
        .subarray(at + 2, headersEnd)
        .toString('utf8')
        .split('\r\n')
        .map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
        }),
    );
    const disposition = headers.get('content-disposition') ?? '';
    const name = parameter(disposition, 'name');
    if (!/^form-data\b/i.test(disposition) || name === null) return { readable: false, problem: 'a part of the form has no field name' };
    if (fields.has(name) || files.has(name)) return { readable: false, problem: `${name} must be sent once` };
    const data = body.subarray(headersEnd + HEADERS_END.length, next);
    const filename = parameter(disposition, 'filename');
    if (filename !== null) files.set(name, { filename, contentType: headers.get('content-type') ?? null, data: Buffer.from(data) });
    else fields.set(name, data.toString('utf8'));
    at = next + CRLF.length;
  }
}

/**
 * Registers the `multipart/form-data` parser on the Fastify instance, answering only on routes marked
 * `@AcceptsMultipartForm()` (the server's body limit applies, as for every body).
 */
export function registerMultipartFormParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request: FastifyRequest, body: string | Buffer, done) => {
    const config = request.routeOptions.config as { [MULTIPART_BODY]?: unknown } | undefined;
    if (config?.[MULTIPART_BODY] !== true) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
      return;
    }
    done(null, readMultipart(typeof body === 'string' ? Buffer.from(body) : body, request.headers['content-type'] ?? ''));
  });
}

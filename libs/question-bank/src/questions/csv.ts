import { RouteConfig } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';

/**
 * Reads RFC 4180 text back into rows (a trailing line break ends the last row, it does not start a new one;
 * a UTF-8 byte order mark, as spreadsheets write, is dropped).
 */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
}

const CSV_BODY = 'csvBody';

/** The route takes a `text/csv` body too (as a string); every other route answers 415 to `text/csv`, as before. */
export const AcceptsCsvBody = (): MethodDecorator => RouteConfig({ [CSV_BODY]: true });

/** Whether the request's body came as `text/csv` (the controller then holds the text, not parsed JSON). */
export const isCsvRequest = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'text/csv';

/**
 * Registers the `text/csv` body parser on the Fastify instance, answering only on routes marked `@AcceptsCsvBody()`.
 * The body limit is the server's, the same as for JSON; a charset other than UTF-8 is refused (415).
 */
export function registerCsvBodyParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (request: FastifyRequest, body: string | Buffer, done) => {
    const config = request.routeOptions.config as { [CSV_BODY]?: unknown } | undefined;
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (config?.[CSV_BODY] !== true || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
      return;
    }
    done(null, typeof body === 'string' ? body : body.toString('utf8'));
  });
}

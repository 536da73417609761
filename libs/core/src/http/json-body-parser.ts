import { HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { AppError, validationFailed } from '../errors/app-error.js';
import { badStrings, jsonNestingExceeds, MAX_INPUT_DEPTH } from './input-strings.js';

export interface JsonBodyParserOptions {
  /** Larger bodies answer 413 before they are read to the end. */
  bodyLimit: number;
  /** Deeper nesting answers 400 `BAD_JSON` before the body is parsed. */
  maxDepth?: number;
}

/**
 * The one parser of `application/json` bodies: UTF-8 only (another charset: 415), a size limit (413), a nesting limit checked by a linear scan
 * before `JSON.parse` (400 `BAD_JSON`), Fastify's own parser (prototype poisoning refused), then every string
 * checked for what PostgreSQL refuses (NUL, lone surrogates: 400 `VALIDATION_FAILED` naming the field path).
 * Call before `app.init()`; Nest then keeps it instead of registering its default.
 */
export function installJsonBodyParser(app: NestFastifyApplication, { bodyLimit, maxDepth = MAX_INPUT_DEPTH }: JsonBodyParserOptions): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'JSON bodies must be UTF-8', HttpStatus.UNSUPPORTED_MEDIA_TYPE), undefined);
      return;
    }
    if (jsonNestingExceeds(body, maxDepth)) {
      done(new AppError('BAD_JSON', `The request body nests arrays or objects more than ${maxDepth} levels deep`, HttpStatus.BAD_REQUEST), undefined);
      return;
    }
    void parseJson(request, body.toString('utf8'), (error, parsed: unknown) => {
      if (error) {
        done(error, undefined);
        return;
      }
      const problems = badStrings(parsed);
      done(problems.length > 0 ? validationFailed(problems) : null, problems.length > 0 ? undefined : parsed);
    });
  });
}

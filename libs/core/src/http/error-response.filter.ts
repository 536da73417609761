import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { AppError } from '../errors/app-error.js';
import { REQUEST_ID_HEADER, requestIdOf } from '../context/request-id.js';
import { isDatabaseUnavailable } from '../errors/database-unavailable.js';
import type { ErrorResponseDto } from './error-response.dto.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

interface FrameworkError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
}

export type KnownBody = Omit<ErrorResponseDto, 'requestId' | 'error'>;

/** A 4xx from Nest or from Fastify before a route runs (body parsing, limits): one code for each status. */
function clientError(status: number, message: string, isJsonError: boolean): KnownBody {
  if (status === 413) return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB' };
  if (status === 400 && isJsonError) return { statusCode: 400, code: 'BAD_JSON', message: 'The request body is not valid JSON' };
  return { statusCode: status, code: CODE_BY_STATUS[status] ?? `HTTP_${status}`, message };
}

/** The status, code and sentence of an error the caller can act on; null for an unknown (500) one. */
export function knownError(exception: unknown): KnownBody | null {
  if (exception instanceof AppError) {
    return { statusCode: exception.status, code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response && typeof response.message === 'string'
        ? response.message
        : exception.message;
    return clientError(status, message, /JSON/.test(message));
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is unreachable; try again shortly',
    };
  }
  if (typeof exception === 'object' && exception !== null) {
    const error = exception as FrameworkError;
    const status = error.statusCode ?? error.status;
    if (typeof status !== 'number' || status < 400 || status >= 500) return null;
    const isJsonError = error instanceof SyntaxError || /JSON/i.test(error.code ?? '') || /JSON/.test(error.message ?? '');
    return clientError(status, error.message ?? STATUS_CODES[status] ?? 'Error', isJsonError);
  }
  return null;
}

/** Writes every error in the one shape of API.md, with the request id; unknown errors become a bare 500. */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = requestIdOf(request.raw);
    const known = knownError(exception);
    const body: ErrorResponseDto = known
      ? { ...known, error: STATUS_CODES[known.statusCode] ?? 'Error', requestId }
      : { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', code: 'INTERNAL', requestId };

    if (!known) {
      this.logger.error({ err: exception, requestId }, 'Unhandled error');
    } else if (body.statusCode === 503) {
      this.logger.warn({ err: exception, requestId }, body.message);
    }
    if (body.details === undefined) delete body.details;
    // Every 429 (rate limit, login lockout) says when to come back.
    const retryAfter = body.details?.retryAfterSeconds;
    if (body.statusCode === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    void reply.header(REQUEST_ID_HEADER, requestId).status(body.statusCode).send(body);
  }
}

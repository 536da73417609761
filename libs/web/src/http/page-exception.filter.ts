import { ArgumentsHost, Catch, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { knownError, requestIdOf } from '@loopwright/core';
import type { AuthenticatedRequest } from '@loopwright/identity';
import type {} from '@fastify/view';
import type { FastifyReply } from 'fastify';
import { shellFor, type PageView } from '../shell/shell.js';
import { loginUrlFor } from './local-path.js';
import { clearSessionCookie } from './session-cookie.js';

export interface ErrorPageView extends PageView {
  heading: string;
  message: string;
  requestId: string;
}

const HEADINGS: Record<number, string> = {
  400: 'That request could not be understood',
  403: 'You may not see this page',
  404: 'Page not found',
  409: 'That could not be done',
  429: 'Too many requests',
  503: 'Loopwright is unavailable',
};

/**
 * Errors of page routes as pages: signed out (401) is a redirect to the login page that comes back here; 403, 404 and
 * the rest render `error.hbs` with the API's sentence (the same rule answers, in words). Unknown errors are logged.
 */
@Catch()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const known = knownError(exception);
    const requestId = requestIdOf(request.raw);
    if (known?.statusCode === HttpStatus.UNAUTHORIZED) {
      if (request.headers.cookie) clearSessionCookie(request, reply);
      void reply.redirect(loginUrlFor(request.method === 'GET' ? request.url : '/app'), HttpStatus.SEE_OTHER);
      return;
    }
    if (!known || known.statusCode >= 500) this.logger.error({ err: exception, requestId }, 'Page failed');
    const status = known?.statusCode ?? HttpStatus.INTERNAL_SERVER_ERROR;
    const retryAfter = known?.details?.retryAfterSeconds;
    if (status === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    const view: ErrorPageView = {
      title: HEADINGS[status] ?? 'Something went wrong',
      shell: request.actor ? shellFor(request.actor, request.url) : null,
      heading: HEADINGS[status] ?? 'Something went wrong',
      message: known && status < 500 ? known.message : 'Something went wrong on our side. Try again in a moment.',
      requestId,
    };
    void reply.status(status).view('error.hbs', view);
  }
}

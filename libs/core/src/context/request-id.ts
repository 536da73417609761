import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: the caller's `x-request-id` when it is a sane token, else a new UUID.
 * Stored on the raw request so Fastify, the logger and the exception filter all see the same id.
 */
export function requestIdOf(request: IncomingMessage & { id?: unknown }): string {
  if (typeof request.id === 'string') return request.id;
  const header = request.headers[REQUEST_ID_HEADER];
  const id = typeof header === 'string' && ACCEPTED_REQUEST_ID.test(header) ? header : randomUUID();
  request.id = id;
  return id;
}

import { Global, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import pretty from 'pino-pretty';
import { AppConfig } from './config/app-config.js';
import { requestIdOf } from './context/request-id.js';

/** Paths that must never reach a log line. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.tokenHash',
  '*.passwordHash',
  'password',
  'token',
];

/** Query parameters whose values are logged; any other parameter is logged by name only (search terms name candidates, tokens leak). */
export const LOGGED_QUERY_VALUES = new Set(['limit', 'format', 'status', 'includeShadows', 'role', 'active', 'kind', 'difficulty']);

/** Where log lines go: stdout unless a test provides a stream to read them from. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/** The request as a log line shows it: the route template (`/api/users/:id`) and the query with values redacted. */
export interface LoggedRequest {
  id: string;
  method: string;
  route: string;
  url: string;
}

type RequestWithRoute = IncomingMessage & { routeTemplate?: string };

/** `/api/questions?q=Jane&limit=20` → `/api/questions?q=[redacted]&limit=20`. */
export function redactedUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  if (query === undefined) return path;
  const params = [...new URLSearchParams(query)].map(([name, value]) =>
    LOGGED_QUERY_VALUES.has(name) ? `${encodeURIComponent(name)}=${encodeURIComponent(value)}` : `${encodeURIComponent(name)}=[redacted]`,
  );
  return params.length > 0 ? `${path}?${params.join('&')}` : path;
}

export function serializeRequest(request: { id: string; method: string; url: string; raw?: RequestWithRoute }): LoggedRequest {
  const url = redactedUrl(request.url ?? '');
  return { id: request.id, method: request.method, route: request.raw?.routeTemplate ?? url.split('?')[0] ?? '', url };
}

/**
 * In a terminal, human-readable lines (pino-pretty, written synchronously so the start banner comes after the
 * start-up logs); otherwise (files, containers, CI) one JSON object a line.
 */
function prettyOnTty(options: PinoHttpOptions): PinoHttpOptions | [PinoHttpOptions, NodeJS.WritableStream] {
  if (!process.stdout.isTTY) return options;
  return [
    options,
    pretty({
      colorize: true,
      sync: true,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
    }),
  ];
}

/** Lets tests replace `LOG_DESTINATION` with `overrideProvider`. */
@Global()
@Module({ providers: [{ provide: LOG_DESTINATION, useValue: null }], exports: [LOG_DESTINATION] })
export class LogDestinationModule {}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      imports: [LogDestinationModule],
      inject: [AppConfig, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: DestinationStream | null) => {
        const options = {
          level: config.logLevel,
          genReqId: (request: IncomingMessage) => requestIdOf(request),
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          customProps: (request: IncomingMessage) => ({ requestId: requestIdOf(request) }),
          serializers: { req: serializeRequest },
        };
        return {
          exclude: [{ method: RequestMethod.ALL, path: 'health' }],
          pinoHttp: destination ? ([options, destination] as [typeof options, DestinationStream]) : prettyOnTty(options),
        };
      },
    }),
  ],
})
export class LoggingModule {}

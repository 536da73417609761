import { Global, Inject, Injectable, Module, type LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type Level, type Logger as Pino, type LoggerOptions } from 'pino';
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

/** The request as a log line shows it: the route template (`/api/users/:id`) and the query with values redacted, never the raw path. */
export interface LoggedRequest {
  id: string;
  method: string;
  route: string;
  url: string;
}

type RequestWithRoute = IncomingMessage & { routeTemplate?: string };

/** What a request that matched no route logs instead of its path (which may carry anything: names, tokens). */
export const UNMATCHED_ROUTE = '(no route)';

/** `/api/questions?q=Jane&limit=20` → `/api/questions?q=[redacted]&limit=20`. */
export function redactedUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  if (query === undefined) return path;
  const params = [...new URLSearchParams(query)].map(([name, value]) =>
    LOGGED_QUERY_VALUES.has(name) ? `${encodeURIComponent(name)}=${encodeURIComponent(value)}` : `${encodeURIComponent(name)}=[redacted]`,
  );
  return params.length > 0 ? `${path}?${params.join('&')}` : path;
}

/** `/calendar/<token>.ics` and `/api/users/<id>?q=Jane` log as `/calendar/:token.ics` and `/api/users/:id?q=[redacted]`. */
export function serializeRequest(request: { id: string; method: string; url: string; raw?: RequestWithRoute }): LoggedRequest {
  const route = request.raw?.routeTemplate ?? UNMATCHED_ROUTE;
  const query = (request.url ?? '').split('?', 2)[1];
  return { id: request.id, method: request.method, route, url: redactedUrl(query === undefined ? route : `${route}?${query}`) };
}

/** A response as a log line shows it: its status only (headers carry file names such as a packet's, which name the candidate). */
export function serializeResponse(response: { statusCode?: number }): { statusCode: number | undefined } {
  return { statusCode: response.statusCode };
}

/**
 * Error fields that carry data rather than code: a database error's bound `parameters` (names, emails, notes) and
 * `detail` (`Key (email)=(jane@example.com) already exists`), the driver's copy of both, a request's body.
 */
const DATA_BEARING_ERROR_FIELDS = ['parameters', 'detail', 'driverError', 'where', 'body', 'response'];

/**
 * pino's error serializer without the fields that carry data (an error may arrive already serialized; a `cause` is
 * folded into the message and stack by pino, its fields left out).
 */
export function serializeError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const serialized = { ...((error instanceof Error ? stdSerializers.err(error) : error) as Record<string, unknown>) };
  for (const field of DATA_BEARING_ERROR_FIELDS) delete serialized[field];
  if (typeof serialized.cause === 'object') serialized.cause = serializeError(serialized.cause);
  return serialized;
}

/**
 * In a terminal, human-readable lines (pino-pretty, written synchronously so the start banner comes after the
 * start-up logs); otherwise (files, containers, CI) one JSON object a line.
 */
function prettyOnTty(options: LoggerOptions): LoggerOptions | [LoggerOptions, NodeJS.WritableStream] {
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

/** The app's one pino logger. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/** The request being handled, for the log lines written during it (bound lazily: most requests write none). */
interface RequestLogContext {
  readonly request: { id: string; method: string; url: string; raw: RequestWithRoute };
  readonly requestId: string;
  logger?: Pino;
  /** The request's SQL statements, in benchmark mode only (`collectRequestStatements`). */
  statements?: CollectedStatement[];
}

/** A SQL statement as a request issued it. */
export interface CollectedStatement {
  sql: string;
  parameters: unknown[];
}

const requestContexts = new AsyncLocalStorage<RequestLogContext>();

/**
 * Benchmark mode (QUERY_COUNTING): from now on the current request keeps its SQL statements (`requestStatements`). They
 * ride on the request's log context, so that counting adds no second async context to every promise of the request.
 */
export function collectRequestStatements(): void {
  const context = requestContexts.getStore();
  if (context) context.statements = [];
}

/** The statements of the current request since `collectRequestStatements`; undefined outside a request or when not collected. */
export function requestStatements(): CollectedStatement[] | undefined {
  return requestContexts.getStore()?.statements;
}

/** Requests that write no log line (and get no request-bound logger): the health check, polled by load balancers. */
const UNLOGGED_PATHS = new Set(['/health']);

/** The pino logger with the service's options: redaction and the `req`/`res`/`err` serializers; JSON lines (pretty on a TTY) unless a destination is given. */
export function createHttpLogger(config: AppConfig, destination: DestinationStream | null): Pino {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest, res: serializeResponse, err: serializeError },
  };
  if (destination) return pino(options, destination);
  const tty = prettyOnTty(options);
  return Array.isArray(tty) ? pino(tty[0], tty[1] as DestinationStream) : pino(tty);
}

function loggerOf(context: RequestLogContext, root: Pino): Pino {
  context.logger ??= root.child({ req: context.request, requestId: context.requestId });
  return context.logger;
}

/**
 * Nest's `LoggerService` on the app's pino logger: `logger.log('text')`, `logger.log({ exportId }, 'text')` and
 * `logger.error({ err }, 'text')` all write one JSON line with `context` (the logger's name); an `Error` as the
 * first argument is logged as `err` (with its stack). During a request the line also carries `req` and `requestId`.
 */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(HTTP_LOGGER) readonly pino: Pino) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }
  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }
  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /** Nest passes the context (the logger's name) last; anything between the message and it is pino's format arguments. */
  private write(level: Level, message: unknown, optionalParams: unknown[]): void {
    const context = requestContexts.getStore();
    const logger = context ? loggerOf(context, this.pino) : this.pino;
    const fields: Record<string, unknown> = {};
    let params = optionalParams;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      params = params.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
      logger[level](fields, ...(params as [string?]));
    } else if (typeof message === 'object' && message !== null) {
      logger[level](Object.assign(fields, message), ...(params as [string?]));
    } else if (level === 'error' && typeof message === 'string' && params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      // Nest's own exception handler calls error(message, stack, context).
      const err = new Error(message);
      err.stack = params[0];
      logger[level]({ ...fields, err });
    } else {
      logger[level](fields, String(message), ...(params as []));
    }
  }
}

interface HookRequest {
  id: string;
  raw: IncomingMessage;
  url: string;
}

/** The minimal Fastify surface request logging needs (keeps @loopwright/core free of the HTTP adapter). */
interface HookableServer {
  addHook(name: 'onRequest', hook: (request: HookRequest, reply: { raw: ServerResponse }, done: (error?: Error) => void) => void): unknown;
  addHook(name: 'onResponse', hook: (request: HookRequest, reply: { statusCode: number }, done: (error?: Error) => void) => void): unknown;
}

const logContext = Symbol('logContext');
type LoggedHookRequest = HookRequest & { [logContext]?: RequestLogContext & { startedAt: number } };

/**
 * One line a request, when its response is finished (`req` with the route template and the redacted URL,
 * `res.statusCode`, `responseTime`, `requestId`; `err` and "request errored" from 500 on), except for /health.
 * Install after the hook that sets the route template on the raw request; the rest of the request runs in a context
 * whose log lines carry its `req` and `requestId`.
 */
@Injectable()
export class RequestLogging {
  constructor(@Inject(HTTP_LOGGER) private readonly pino: Pino) {}

  install(server: HookableServer): void {
    server.addHook('onRequest', (request, _reply, done) => {
      if (UNLOGGED_PATHS.has(request.url.split('?', 1)[0] ?? '')) return done();
      const raw = request.raw as RequestWithRoute;
      const requestId = requestIdOf(raw);
      const context = { startedAt: Date.now(), requestId, request: { id: requestId, method: raw.method ?? '', url: raw.url ?? '', raw } };
      (request as LoggedHookRequest)[logContext] = context;
      requestContexts.run(context, done);
    });
    server.addHook('onResponse', (request, reply, done) => {
      const context = (request as LoggedHookRequest)[logContext];
      if (!context || !this.pino.isLevelEnabled('info')) return done();
      const logger = loggerOf(context, this.pino);
      const responseTime = Date.now() - context.startedAt;
      const res = { statusCode: reply.statusCode };
      if (reply.statusCode >= 500) logger.info({ res, err: new Error(`failed with status code ${reply.statusCode}`), responseTime }, 'request errored');
      else logger.info({ res, responseTime }, 'request completed');
      done();
    });
  }
}

@Module({
  imports: [LogDestinationModule],
  providers: [
    { provide: HTTP_LOGGER, inject: [AppConfig, LOG_DESTINATION], useFactory: createHttpLogger },
    AppLogger,
    RequestLogging,
  ],
  exports: [HTTP_LOGGER, AppLogger, RequestLogging],
})
export class LoggingModule {}

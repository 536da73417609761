import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
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

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        exclude: [{ method: RequestMethod.ALL, path: 'health' }],
        pinoHttp: prettyOnTty({
          level: config.logLevel,
          genReqId: (request: IncomingMessage) => requestIdOf(request),
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          customProps: (request: IncomingMessage) => ({ requestId: requestIdOf(request) }),
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
          },
        }),
      }),
    }),
  ],
})
export class LoggingModule {}

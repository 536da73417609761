import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
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

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        exclude: [{ method: RequestMethod.ALL, path: 'health' }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: (request: IncomingMessage) => requestIdOf(request),
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          customProps: (request: IncomingMessage) => ({ requestId: requestIdOf(request) }),
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

import Fastify from 'fastify';
import { Writable } from 'node:stream';
import type { AppConfig } from './config/app-config.js';
import { AppLogger, createHttpLogger, RequestLogging, serializeRequest, UNMATCHED_ROUTE } from './logging.module.js';

interface Line {
  level: number;
  msg?: string;
  context?: string;
  requestId?: string;
  err?: { message: string; stack: string; type: string };
  req?: { id: string; method: string; route: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
  [field: string]: unknown;
}

function capture(): { destination: Writable; lines: Line[] } {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Line));
      done();
    },
  });
  return { destination, lines };
}

const config = { logLevel: 'trace' } as AppConfig;

describe('AppLogger (Nest LoggerService on pino)', () => {
  it('writes the message with the context Nest passes last, fields given as an object, and pino levels', () => {
    const { destination, lines } = capture();
    const logger = new AppLogger(createHttpLogger(config, destination));
    logger.log('Started', 'Bootstrap');
    logger.warn({ exportId: 'e1' }, 'Export completed by another attempt', 'PacketExportRunner');
    logger.debug('details');
    logger.verbose('more details', 'Verbose');
    logger.fatal('gone', 'Main');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'Started', context: 'Bootstrap' }),
      expect.objectContaining({ level: 40, msg: 'Export completed by another attempt', context: 'PacketExportRunner', exportId: 'e1' }),
      expect.objectContaining({ level: 20, msg: 'details' }),
      expect.objectContaining({ level: 10, msg: 'more details', context: 'Verbose' }),
      expect.objectContaining({ level: 60, msg: 'gone', context: 'Main' }),
    ]);
    expect(lines[2]).not.toHaveProperty('context');
  });

  it('logs errors as `err` with their stack: an Error, `{ err }`, and Nest’s (message, stack, context)', () => {
    const { destination, lines } = capture();
    const logger = new AppLogger(createHttpLogger(config, destination));
    const error = new Error('boom');
    logger.error(error, 'Ctx');
    logger.error({ err: error, exportId: 'e2' }, 'Export failed', 'PacketExportRunner');
    logger.error('Unhandled', 'Error: Unhandled\n    at somewhere (file.js:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toEqual(expect.objectContaining({ level: 50, context: 'Ctx', err: expect.objectContaining({ message: 'boom', stack: error.stack }) }));
    expect(lines[1]).toEqual(expect.objectContaining({ msg: 'Export failed', exportId: 'e2', err: expect.objectContaining({ message: 'boom', type: 'Error' }) }));
    expect(lines[2]).toEqual(
      expect.objectContaining({ context: 'ExceptionsHandler', err: expect.objectContaining({ message: 'Unhandled', stack: 'Error: Unhandled\n    at somewhere (file.js:1:1)' }) }),
    );
  });

  it('logs no data a database error carries (bound parameters, the key in `detail`), in causes too', () => {
    const { destination, lines } = capture();
    const failure = Object.assign(new Error('duplicate key value violates unique constraint "candidates_organization_email_key"'), {
      query: 'INSERT INTO candidates (name, email) VALUES ($1, $2)',
      parameters: ['Jane Doe', 'jane@example.com'],
      detail: 'Key (organization_id, email)=(o1, jane@example.com) already exists.',
      driverError: { detail: 'Key (email)=(jane@example.com) already exists.' },
    });
    const logger = new AppLogger(createHttpLogger(config, destination));
    logger.error({ err: failure }, 'Unhandled error', 'Errors');
    logger.error({ err: new Error('wrapped', { cause: failure }) }, 'Unhandled error', 'Errors');
    expect(JSON.stringify(lines)).not.toMatch(/Jane|jane@/);
    expect(lines[0]!.err).toEqual(expect.objectContaining({ message: failure.message, query: failure.query, stack: failure.stack }));
    expect(lines[1]!.err).toEqual(expect.objectContaining({ message: `wrapped: ${failure.message}` }));
  });

  it('never writes the redacted paths', () => {
    const { destination, lines } = capture();
    new AppLogger(createHttpLogger(config, destination)).log({ user: { password: 'hunter2', token: 'tok' } }, 'Saved');
    expect(JSON.stringify(lines)).not.toMatch(/hunter2|tok"/);
    expect(lines[0]).toEqual(expect.objectContaining({ user: { password: '[redacted]', token: '[redacted]' } }));
  });
});

describe('RequestLogging', () => {
  it('writes one line a request (route template, the template with the redacted query, status, time, request id), none for /health, and binds in-request logs', async () => {
    const { destination, lines } = capture();
    const http = createHttpLogger(config, destination);
    const logger = new AppLogger(http);
    const server = Fastify({ logger: false });
    server.addHook('onRequest', async (request) => {
      (request.raw as { routeTemplate?: string }).routeTemplate = request.routeOptions.url;
    });
    new RequestLogging(http).install(server);
    server.get('/api/things/:id', async (_request, reply) => {
      logger.log('Inside the handler', 'ThingsController');
      void reply.header('content-disposition', 'attachment; filename="packet-jane-doe.md"');
      return { ok: true };
    });
    server.get('/health', async () => ({ status: 'ok' }));
    await server.ready();
    try {
      const response = await server.inject({ method: 'GET', url: '/api/things/42?q=Jane&limit=5', headers: { 'x-request-id': 'req-1', authorization: 'Bearer secret' } });
      expect(response.statusCode).toBe(200);
      await server.inject({ method: 'GET', url: '/health' });
    } finally {
      await server.close();
    }
    expect(JSON.stringify(lines)).not.toMatch(/Jane|jane|secret/);
    const inside = lines.find((line) => line.msg === 'Inside the handler');
    expect(inside).toEqual(expect.objectContaining({ context: 'ThingsController', requestId: 'req-1', req: expect.objectContaining({ route: '/api/things/:id' }) }));
    const requests = lines.filter((line) => line.res);
    expect(requests).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        requestId: 'req-1',
        req: { id: 'req-1', method: 'GET', route: '/api/things/:id', url: '/api/things/:id?q=[redacted]&limit=5' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
  });
});

describe('serializeRequest', () => {
  it('shows the route template instead of the path, and no path at all for a request that matched no route', () => {
    const raw = { routeTemplate: '/calendar/:token.ics' } as never;
    expect(serializeRequest({ id: 'r1', method: 'GET', url: '/calendar/s3cret-token.ics', raw })).toEqual({
      id: 'r1',
      method: 'GET',
      route: '/calendar/:token.ics',
      url: '/calendar/:token.ics',
    });
    expect(serializeRequest({ id: 'r2', method: 'GET', url: '/app/people/Jane%20Doe?email=jane@example.com&limit=5' })).toEqual({
      id: 'r2',
      method: 'GET',
      route: UNMATCHED_ROUTE,
      url: `${UNMATCHED_ROUTE}?email=[redacted]&limit=5`,
    });
  });
});

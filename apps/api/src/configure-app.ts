import { RequestMethod } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import {
  AppConfig,
  AppLogger,
  collectRequestStatements,
  ErrorResponseDto,
  installJsonBodyParser,
  parseEnvironment,
  REQUEST_ID_HEADER,
  RequestLogging,
  requestIdOf,
  requestStatements,
} from '@loopwright/core';
import { AUTH_SQL_TAG } from '@loopwright/database';
import { DOMAIN_EVENT_TYPES } from '@loopwright/events';
import { FEED_ROUTES } from '@loopwright/notifications';
import { registerCsvBodyParser } from '@loopwright/question-bank';
import { configureWeb, PAGE_ROUTES } from '@loopwright/web';
import type { IncomingMessage } from 'node:http';
import metadata from './metadata.js';

export const BODY_LIMIT_BYTES = 1_048_576;

/**
 * The HTTP server options shared by `main.ts` and the test app builder. The server exists before Nest's config does,
 * so TRUST_PROXY is read from the environment here (validated as everywhere else).
 */
export function createFastifyAdapter(): FastifyAdapter {
  const { TRUST_PROXY } = parseEnvironment(process.env);
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    trustProxy: TRUST_PROXY === 'none' ? false : TRUST_PROXY,
    logger: false,
  });
}

export async function buildOpenApiDocument(app: NestFastifyApplication): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(metadata);
  return openApiDocument(app);
}

/** The document from the routes; the plugin's metadata must be loaded first (`SwaggerModule.loadPluginMetadata`). */
function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Loopwright API')
    .setDescription(
      'Structured interviews for hiring teams: question bank, interview loops, scorecards, debriefs and candidate packets. ' +
        'Errors share one shape: `{statusCode, error, message, code, details?, requestId}`.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A login token or a personal API token' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto],
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  return withEventTypes(withErrorResponses(withOptionalDefaults(document)));
}

/**
 * The domain event kinds (`libs/events`) as a named schema: what the worker's subscribers (invites, reminders, webhooks)
 * react to. Payloads carry ids only, never personal data or ratings.
 */
function withEventTypes(document: OpenAPIObject): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.schemas = {
    ...document.components.schemas,
    DomainEventType: {
      type: 'string',
      enum: [...DOMAIN_EVENT_TYPES],
      description:
        'A domain event, recorded in the transaction of the change that makes it and dispatched by the worker to its subscribers ' +
        '(calendar invites on round.* and interviewer.*, reminders stopped on scorecard.submitted); its payload carries ids only.',
    },
  };
  return document;
}

/**
 * A field with a default may be left out: the Swagger plugin marks `limit: number = 50` required (it has no `?`,
 * so that the code sees a number), which would make every generated client send it. Query parameters and schema
 * properties with a `default` are optional in the document.
 */
function withOptionalDefaults(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as { parameters?: { in?: string; required?: boolean; schema?: { default?: unknown } }[] }[]) {
      if (typeof operation !== 'object' || operation === null || !Array.isArray(operation.parameters)) continue;
      for (const parameter of operation.parameters) {
        if (parameter.in === 'query' && parameter.schema?.default !== undefined) parameter.required = false;
      }
    }
  }
  for (const schema of Object.values(document.components?.schemas ?? {}) as { required?: string[]; properties?: Record<string, { default?: unknown }> }[]) {
    if (!schema.required || !schema.properties) continue;
    const properties = schema.properties;
    schema.required = schema.required.filter((name) => properties[name]?.default === undefined);
    if (schema.required.length === 0) delete schema.required;
  }
  return document;
}

/** Every operation can fail in the one error shape; say so once here rather than on every route. */
function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const schema = { $ref: getSchemaPath(ErrorResponseDto) };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as { responses?: Record<string, unknown> }[]) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operation.responses ??= {};
      operation.responses.default ??= {
        description: 'An error: 400 VALIDATION_FAILED (details.fields names each field), 401, 403 FORBIDDEN, 404, 409 with a code, ...',
        content: { 'application/json': { schema } },
      };
    }
  }
  return document;
}

/**
 * Benchmark mode (QUERY_COUNTING=true): every response says how many SQL statements it took
 * (`x-sql-statements` without authentication, `x-sql-statements-total` with it); a request with
 * `x-capture-sql: 1` also gets the statements themselves (`x-sql-log`, base64 JSON) for the bare baseline.
 */
function countStatementsPerRequest(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Within the request's log context (RequestLogging's hook runs first); the health check has none and counts nothing.
  fastify.addHook('onRequest', (_request, _reply, done) => {
    collectRequestStatements();
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const statements = requestStatements() ?? [];
    let routeStatements = 0;
    for (const statement of statements) if (!statement.sql.startsWith(AUTH_SQL_TAG)) routeStatements += 1;
    void reply.header('x-sql-statements-total', statements.length);
    void reply.header('x-sql-statements', routeStatements);
    if (request.headers['x-capture-sql'] === '1') void reply.header('x-sql-log', Buffer.from(JSON.stringify(statements)).toString('base64'));
    done(null, payload);
  });
}

/**
 * Helmet's defaults from Nest (`X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, a CSP whose
 * `script-src 'self'` lets Swagger UI's own scripts run), without HSTS (see `setRequestHeaders`).
 */
export function applySecurityHeaders(app: NestFastifyApplication): void {
  app.useSecurityHeaders({
    // No upgrade-insecure-requests: the API also serves plain HTTP on 127.0.0.1, where an upgrade breaks /docs.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
  });
}

const isApiPath = (url: string): boolean => url.startsWith('/api') && (url.length === 4 || url[4] === '/' || url[4] === '?');

/**
 * One synchronous hook for what every request gets at `onRequest` (so that a route's own header, a packet's strict
 * CSP or a download's cache policy, wins): the request id header; HSTS only on requests that came over HTTPS
 * (`trustProxy` reads `X-Forwarded-Proto`); `Cache-Control: no-store` on every /api response, since they carry
 * candidate data; and the matched route template (`/api/users/:id`) on the raw request, where the log line reads it.
 */
function setRequestHeaders(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      if (isApiPath(request.url)) void reply.header('cache-control', 'no-store');
      const template = request.routeOptions.url;
      if (template) (request.raw as IncomingMessage & { routeTemplate?: string }).routeTemplate = template;
      done();
    });
}

/** Everything that makes the Nest application the Loopwright API, in production and in tests alike. */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  app.useLogger(app.get(AppLogger));
  installJsonBodyParser(app, { bodyLimit: BODY_LIMIT_BYTES });
  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }, ...PAGE_ROUTES, ...FEED_ROUTES] });
  // No enableShutdownHooks(): main.ts owns SIGINT/SIGTERM (runUntilSignalled closes the app, then the embedded
  // PostgreSQL), once; app.close() runs the shutdown hooks.
  // First, so that a request refused by a later hook (CSRF) still carries its id and no-store.
  setRequestHeaders(app);
  registerCsvBodyParser(app.getHttpAdapter().getInstance());
  applySecurityHeaders(app);
  // Cross-site state-changing requests (a form on another site posting here) are refused from Fetch Metadata;
  // scripts and bearer-token clients send no Sec-Fetch-Site or Origin and pass as before.
  app.enableCsrfProtection();
  configureWeb(app);
  // After the route template is known: the request's log line names it.
  app.get(RequestLogging).install(app.getHttpAdapter().getInstance());
  if (app.get(AppConfig).queryCounting) countStatementsPerRequest(app);
  // Built on the first request for it, not at every start (a few hundred ms of CPU the API rarely needs).
  await SwaggerModule.loadPluginMetadata(metadata);
  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Loopwright API' });
  return app;
}

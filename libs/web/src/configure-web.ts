import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@loopwright/core';
import { PACKET_CONTENT_SECURITY_POLICY } from '@loopwright/packets';
import path from 'node:path';
import { PAGE_CSP, SSO_FORM_CSP, isPagePath } from './http/page-headers.js';
import { registerMultipartFormParser } from './http/multipart-form.js';
import { captureViewModels } from './http/view-capture.js';
import { PAGE_COMPILE_OPTIONS, createPageHandlebars, partialFiles } from './view/view-engine.js';
import { WebAssets } from './view/web-assets.js';

/**
 * Makes the application serve the web pages: @fastify/view with the pages' own Handlebars over `templates/web/`
 * (one layout, the partials), and on every page response the pages' CSP and `Cache-Control: no-store` (pages carry
 * candidate data; the hashed assets set their own long-lived caching). Call before `app.init()`.
 */
export function configureWeb(app: NestFastifyApplication): void {
  const config = app.get(AppConfig);
  const root = path.join(config.templatesDir, 'web');
  const assets = app.get(WebAssets);
  app.setViewEngine({
    engine: { handlebars: createPageHandlebars(assets) },
    root,
    layout: 'layout.hbs',
    production: true,
    options: { partials: partialFiles(root), compileOptions: PAGE_COMPILE_OPTIONS },
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerMultipartFormParser(fastify);
  // Synchronous, and the API's paths leave at the first check: this runs on every response.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api') || !isPagePath(request.url)) return done(null, payload);
    // A packet downloaded under /app keeps the packets' sandbox policy (no script at all, nothing runs).
    const policy = reply.getHeader('content-security-policy');
    if (policy !== PACKET_CONTENT_SECURITY_POLICY && policy !== SSO_FORM_CSP) void reply.header('content-security-policy', PAGE_CSP);
    if (!request.url.startsWith('/assets/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  if (config.queryCounting) captureViewModels(fastify);
}

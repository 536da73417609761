import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { buildOpenApiDocument, createFastifyAdapter } from './configure-app.js';

/** The OpenAPI document of the API, built from the module graph alone (no database, no providers run). */
export async function writeOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  const document = await buildOpenApiDocument(app);
  await app.close();
  return document;
}

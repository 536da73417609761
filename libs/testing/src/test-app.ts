import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../../apps/api/src/app.module.js';
import { configureApp, createFastifyAdapter } from '../../../apps/api/src/configure-app.js';
import { assertTestDatabase, workerDatabaseUrl } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/**
 * The real AppModule through `configureApp`, on this Jest worker's migrated test database; `customize` may
 * override providers (e.g. `LOG_DESTINATION` to read the log lines).
 */
export async function createTestApp(
  environment: Record<string, string> = {},
  customize: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<TestApp> {
  process.env.DATABASE_URL = workerDatabaseUrl();
  Object.assign(process.env, environment);
  assertTestDatabase(process.env.DATABASE_URL);
  const moduleRef = await customize(Test.createTestingModule({ imports: [AppModule] })).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { bufferLogs: true });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: () => request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

import { buildDataSourceOptions, recreateDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from '@loopwright/database';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { SERVER_URL_VARIABLE, TEMPLATE_DATABASE, workerDatabaseName } from './test-database.js';

declare global {
  var __LOOPWRIGHT_TEST_POSTGRES__: EmbeddedPostgres | undefined;
}

const EMBEDDED_TEST_PORT = 54339;

async function testServerUrl(): Promise<string> {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) return configured;
  const server = await startEmbeddedPostgres({
    dataDir: path.resolve(process.env.DATA_DIR ?? '.data', 'test-postgres'),
    port: EMBEDDED_TEST_PORT,
    log: () => undefined,
  });
  globalThis.__LOOPWRIGHT_TEST_POSTGRES__ = server;
  return server.url;
}

/** Migrates one template database, then copies it for each Jest worker: migrations run once per run. */
export default async function globalSetup(config: { maxWorkers: number }): Promise<void> {
  const serverUrl = await testServerUrl();
  await recreateDatabase(serverUrl, TEMPLATE_DATABASE);
  const template = new DataSource(buildDataSourceOptions({ url: new URL(`/${TEMPLATE_DATABASE}`, serverUrl).toString(), poolSize: 1 }));
  await template.initialize();
  try {
    await template.runMigrations({ transaction: 'each' });
  } finally {
    await template.destroy();
  }
  const workers = Math.max(1, config.maxWorkers);
  for (let worker = 1; worker <= workers; worker += 1) {
    await recreateDatabase(serverUrl, workerDatabaseName(String(worker)), TEMPLATE_DATABASE);
  }
  process.env[SERVER_URL_VARIABLE] = serverUrl;
}

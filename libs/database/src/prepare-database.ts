import { parseEnvironment, EnvironmentError } from '@loopwright/core';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createDatabaseIfMissing, withDatabase } from './database-url.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

const EMBEDDED_DATABASE = 'loopwright';

export interface PreparedDatabase {
  embedded: { dataDir: string; server: EmbeddedPostgres } | null;
  stop(): Promise<void>;
}

/** JSON logs for the moments before Nest's logger exists (and after it is gone). */
export function startupLogger(name: string): Logger {
  return pino({ name, level: process.env.LOG_LEVEL ?? 'info' });
}

function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env file: the environment is all there is
  }
}

/**
 * Validates the configuration and, with no DATABASE_URL, starts the embedded PostgreSQL under
 * DATA_DIR and points DATABASE_URL at it (seeding the demo team). Exits on a bad configuration.
 */
export async function prepareDatabase(log: Logger): Promise<PreparedDatabase> {
  loadDotEnv();
  let environment;
  try {
    environment = parseEnvironment(process.env);
  } catch (error) {
    if (error instanceof EnvironmentError) {
      process.stderr.write(`${error.message}\n\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
  if (environment.DATABASE_URL) return { embedded: null, stop: async () => undefined };

  const dataDir = path.resolve(environment.DATA_DIR, 'postgres');
  const server = await startEmbeddedPostgres({ dataDir, port: environment.EMBEDDED_POSTGRES_PORT, log: (message) => log.info(message) });
  try {
    await createDatabaseIfMissing(server.url, EMBEDDED_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  process.env.DATABASE_URL = withDatabase(server.url, EMBEDDED_DATABASE);
  process.env.SEED_DEMO ??= 'true';
  log.info({ dataDir, port: environment.EMBEDDED_POSTGRES_PORT }, `No DATABASE_URL: using the embedded PostgreSQL, data kept in ${dataDir}`);
  return { embedded: { dataDir, server }, stop: () => server.stop() };
}

/** Runs `shutdown` once on SIGINT or SIGTERM, then exits; a second signal exits at once. */
export function runUntilSignalled(log: Logger, shutdown: () => Promise<void>): void {
  let stoppingSince = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    // A signal sent to the whole process group arrives more than once within a few milliseconds.
    if (stoppingSince > 0 && Date.now() - stoppingSince < 500) return;
    if (stoppingSince > 0) {
      log.warn(`${signal} again: exiting now`);
      process.exit(130);
    }
    stoppingSince = Date.now();
    log.info(`${signal} received: shutting down`);
    shutdown()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

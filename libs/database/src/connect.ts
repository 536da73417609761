import { DataSource, type DataSourceOptions } from 'typeorm';
import { isDatabaseUnavailable } from '@loopwright/core';

export interface ConnectOptions {
  /** How long to keep retrying an unreachable server before giving up. */
  retryForMs?: number;
  log?: (message: string) => void;
  /** Seams for tests: how to wait between attempts, and the time the retry budget is measured with. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class DatabaseUnreachableError extends Error {
  constructor(url: string, waitedMs: number, cause: unknown) {
    const where = new URL(url);
    super(
      `Could not reach PostgreSQL at ${where.hostname}:${where.port || 5432}/${where.pathname.slice(1)} after ${Math.round(waitedMs / 1000)} s ` +
        `(${cause instanceof Error ? cause.message : String(cause)}). Check DATABASE_URL, or unset it to use the embedded database.`,
      { cause },
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/** Opens a DataSource, retrying with exponential backoff while the server is unreachable. */
export async function connectWithRetry(
  options: DataSourceOptions,
  { retryForMs = 30_000, log = () => undefined, sleep = wait, now = Date.now }: ConnectOptions = {},
): Promise<DataSource> {
  const started = now();
  let delay = 250;
  for (;;) {
    const dataSource = new DataSource(options);
    try {
      return await dataSource.initialize();
    } catch (error) {
      const waited = now() - started;
      if (!isDatabaseUnavailable(error)) throw error;
      if (waited + delay > retryForMs) throw new DatabaseUnreachableError(String((options as { url?: string }).url), waited, error);
      log(`PostgreSQL is not reachable yet (${error instanceof Error ? error.message : String(error)}); retrying in ${delay} ms`);
      await sleep(delay);
      delay = Math.min(delay * 2, 4_000);
    }
  }
}

const MIGRATION_LOCK_KEY = 7_414_191_031;

/** Runs pending migrations; an advisory lock keeps several starting processes from racing. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}

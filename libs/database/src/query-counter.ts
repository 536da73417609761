import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

export interface CapturedStatement {
  sql: string;
  parameters: unknown[];
}

/** Statements of the current request, when the service runs with QUERY_COUNTING (benchmarks). */
export const requestQueries = new AsyncLocalStorage<CapturedStatement[]>();

/** Authentication statements start with this comment, so that a route's own statements can be counted apart. */
export const AUTH_SQL_TAG = '/* auth */';

/** A TypeORM logger that records every statement into the current request's list; errors still reach the log. */
export class CountingQueryLogger implements TypeOrmLogger {
  constructor(private readonly onError: (message: string) => void) {}

  logQuery(query: string, parameters?: unknown[]): void {
    requestQueries.getStore()?.push({ sql: query, parameters: parameters ?? [] });
  }

  logQueryError(error: string | Error, query: string): void {
    this.onError(`${error instanceof Error ? error.message : error} in ${query}`);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

import { requestStatements } from '@loopwright/core';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** Authentication statements start with this comment, so that a route's own statements can be counted apart. */
export const AUTH_SQL_TAG = '/* auth */';

/** A TypeORM logger that records every statement into the current request's list (benchmark mode); errors still reach the log. */
export class CountingQueryLogger implements TypeOrmLogger {
  constructor(private readonly onError: (message: string) => void) {}

  logQuery(query: string, parameters?: unknown[]): void {
    requestStatements()?.push({ sql: query, parameters: parameters ?? [] });
  }

  logQueryError(error: string | Error, query: string): void {
    this.onError(`${error instanceof Error ? error.message : error} in ${query}`);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

import { CountingQueryLogger, NestTypeOrmLogger } from '@loopwright/database';

/** The loggers a Loopwright data source has: TypeORM's query runner and `poolQuery` alike tell them every statement. */
const STATEMENT_LOGGERS = [NestTypeOrmLogger, CountingQueryLogger] as const;

/**
 * The SQL statements the process sends to PostgreSQL through its data sources while `run` runs, in order: those of
 * TypeORM's query runners and those of `poolQuery` (the pool itself), both of which log each statement once.
 */
export async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const originals = STATEMENT_LOGGERS.map((logger) => [logger.prototype, logger.prototype.logQuery] as const);
  for (const [prototype, original] of originals) {
    prototype.logQuery = function (this: unknown, query: string, ...rest: unknown[]) {
      statements.push(String(query));
      return (original as (...args: unknown[]) => void).apply(this, [query, ...rest]);
    } as typeof original;
  }
  try {
    await run();
  } finally {
    for (const [prototype, original] of originals) prototype.logQuery = original;
  }
  return statements;
}

import { QueryFailedError, type EntityManager, type EntitySubscriberInterface } from 'typeorm';

interface PoolClient {
  query(text: string, values: unknown[]): Promise<{ command: string; rows: unknown[]; rowCount: number | null }>;
  release(): void;
}

interface PostgresPool {
  connect(): Promise<PoolClient>;
}

const listensToQueries = (subscriber: EntitySubscriberInterface): boolean =>
  typeof subscriber.beforeQuery === 'function' || typeof subscriber.afterQuery === 'function';

/**
 * `manager.query(sql, parameters)` for the statements of the hottest routes (the round page, autosave): outside a
 * transaction it runs on TypeORM's own pg pool directly, skipping the query runner TypeORM makes, connects, broadcasts
 * through and releases for every statement (about a third of the CPU of a short statement). The same answer (the rows;
 * `[rows, count]` for UPDATE and DELETE), the same logger (statement counting, slow queries) and the same errors (a
 * failed statement as QueryFailedError, a failed connection as it is). In a transaction (a manager with its query
 * runner) or with a subscriber to query events, it is TypeORM's query; subscribers to transaction events only
 * (`CommitWake`) are no reason, since a statement outside a transaction fires none.
 */
export async function poolQuery<T = unknown>(manager: EntityManager, sql: string, parameters: unknown[] = []): Promise<T> {
  const { dataSource } = manager;
  const pool = (dataSource.driver as { master?: PostgresPool }).master;
  if (manager.queryRunner || dataSource.subscribers.some(listensToQueries) || !pool) return manager.query<T>(sql, parameters);
  const client = await pool.connect();
  try {
    dataSource.logger.logQuery(sql, parameters);
    const startedAt = Date.now();
    let raw;
    try {
      raw = await client.query(sql, parameters);
    } catch (error) {
      dataSource.logger.logQueryError(error as Error, sql, parameters);
      throw new QueryFailedError(sql, parameters, error as Error);
    }
    const took = Date.now() - startedAt;
    const slow = dataSource.options.maxQueryExecutionTime;
    if (slow && took > slow) dataSource.logger.logQuerySlow(took, sql, parameters);
    return (raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows) as T;
  } finally {
    client.release();
  }
}

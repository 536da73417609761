import { jest } from '@jest/globals';
import { buildDataSourceOptions, poolQuery } from '@loopwright/database';
import { workerDatabaseUrl } from '@loopwright/testing';
import { DataSource, QueryFailedError, type BeforeQueryEvent, type EntitySubscriberInterface, type Logger } from 'typeorm';

/** Records what the data source's logger is told, as the statement counting of benchmark mode does. */
class RecordingLogger implements Logger {
  readonly queries: { sql: string; parameters: unknown[] }[] = [];
  readonly errors: string[] = [];
  logQuery(sql: string, parameters?: unknown[]): void {
    this.queries.push({ sql, parameters: parameters ?? [] });
  }
  logQueryError(error: string | Error, sql: string): void {
    this.errors.push(sql);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describe('poolQuery: a statement on the pool itself, answering as TypeORM does', () => {
  const logger = new RecordingLogger();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions({ url: workerDatabaseUrl(), poolSize: 2, logger }));
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('answers a SELECT with its rows, as manager.query does, and tells the logger', async () => {
    const sql = 'SELECT $1::int + 1 AS next, $2::text AS word';
    const before = logger.queries.length;
    const rows = await poolQuery(dataSource.manager, sql, [41, 'loop']);
    expect(rows).toEqual([{ next: 42, word: 'loop' }]);
    expect(rows).toEqual(await dataSource.manager.query(sql, [41, 'loop']));
    expect(logger.queries.slice(before)).toEqual([
      { sql, parameters: [41, 'loop'] },
      { sql, parameters: [41, 'loop'] },
    ]);
  });

  it('answers an UPDATE with its rows and the count, as manager.query does', async () => {
    const sql = 'UPDATE organizations SET name = name WHERE id = $1 RETURNING id';
    const parameters = ['00000000-0000-4000-8000-000000000000'];
    const answer = await poolQuery(dataSource.manager, sql, parameters);
    expect(answer).toEqual([[], 0]);
    expect(answer).toEqual(await dataSource.manager.query(sql, parameters));
  });

  it('throws a failed statement as QueryFailedError with the driver error, and logs it', async () => {
    const error: unknown = await poolQuery(dataSource.manager, 'SELECT 1 / $1::int AS n', [0]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('22012');
    expect(logger.errors).toContain('SELECT 1 / $1::int AS n');
    // The client went back to the pool: both of its connections still serve.
    await expect(Promise.all([poolQuery(dataSource.manager, 'SELECT 1 AS one'), poolQuery(dataSource.manager, 'SELECT 1 AS one')])).resolves.toEqual([
      [{ one: 1 }],
      [{ one: 1 }],
    ]);
  });

  describe('with entity subscribers', () => {
    afterEach(() => {
      dataSource.subscribers.length = 0;
      jest.restoreAllMocks();
    });

    it('skips the query runner when the subscribers listen to transactions only (as CommitWake does)', async () => {
      const onCommit: EntitySubscriberInterface = { afterTransactionCommit: () => {} };
      dataSource.subscribers.push(onCommit);
      const runners = jest.spyOn(dataSource, 'createQueryRunner');
      await expect(poolQuery(dataSource.manager, 'SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
      expect(runners).not.toHaveBeenCalled();
    });

    it('goes through TypeORM when a subscriber listens to queries, so that it is told of the statement', async () => {
      const told: string[] = [];
      const onQuery: EntitySubscriberInterface = { beforeQuery: (event: BeforeQueryEvent) => void told.push(event.query) };
      dataSource.subscribers.push(onQuery);
      await expect(poolQuery(dataSource.manager, 'SELECT 2 AS two')).resolves.toEqual([{ two: 2 }]);
      expect(told).toEqual(['SELECT 2 AS two']);
    });
  });

  it("runs in a transaction's connection when given its manager", async () => {
    await dataSource.transaction(async (manager) => {
      const [{ pid }] = await manager.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      await manager.query('SET LOCAL application_name = $$pool-query-probe$$');
      const [row] = await poolQuery<{ pid: number; name: string }[]>(manager, "SELECT pg_backend_pid() AS pid, current_setting('application_name') AS name");
      expect(row).toEqual({ pid, name: 'pool-query-probe' });
    });
  });
});

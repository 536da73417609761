import {
  buildDataSourceOptions,
  connectWithRetry,
  DatabaseUnreachableError,
  dropDatabase,
  recreateDatabase,
  runMigrationsLocked,
  withDatabase,
} from '@loopwright/database';
import { MIGRATIONS } from '@loopwright/migrations';
import { unusedPort, workerDatabaseName, workerDatabaseUrl } from '@loopwright/testing';
import { DataSource } from 'typeorm';

const serverUrl = (): string => process.env.LOOPWRIGHT_TEST_SERVER_URL!;

describe('database: connecting and migrating', () => {
  it('keeps retrying while the server is unreachable and connects once it answers', async () => {
    const unreachable = new URL(workerDatabaseUrl());
    unreachable.port = String(await unusedPort());
    const options = buildDataSourceOptions({ url: unreachable.toString(), poolSize: 1 });
    const delays: number[] = [];
    const dataSource = await connectWithRetry(options, {
      // The "server comes up" moment: after the second wait, the same options point at the real server.
      sleep: async (ms) => {
        delays.push(ms);
        if (delays.length === 2) (options as { url: string }).url = workerDatabaseUrl();
      },
    });
    try {
      expect(delays).toEqual([250, 500]);
      expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('fails at once, without retrying, on an error that is not about reachability', async () => {
    const wrongPassword = new URL(workerDatabaseUrl());
    wrongPassword.username = 'loopwright_no_such_role';
    wrongPassword.password = 'wrong';
    const delays: number[] = [];
    const error = await connectWithRetry(buildDataSourceOptions({ url: wrongPassword.toString(), poolSize: 1 }), {
      sleep: async (ms) => {
        delays.push(ms);
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DatabaseUnreachableError);
    expect(delays).toEqual([]);
  });

  it('applies the migrations once when two processes start on one fresh database at the same time', async () => {
    const name = `${workerDatabaseName()}_migration_lock`;
    await recreateDatabase(serverUrl(), name);
    const url = withDatabase(serverUrl(), name);
    const sources = [0, 1].map(
      (index) => new DataSource(buildDataSourceOptions({ url, poolSize: 2, applicationName: `starter-${index}` })),
    );
    try {
      await Promise.all(sources.map((source) => source.initialize()));
      const applied = await Promise.all(sources.map((source) => runMigrationsLocked(source)));
      const allNames = MIGRATIONS.map((migration) => migration.name);
      // One start applies everything in order; the other waits on the lock, then finds nothing left to do.
      expect(applied.map((names) => names.length).sort()).toEqual([0, allNames.length]);
      expect(applied.find((names) => names.length > 0)).toEqual(allNames);
      const rows: { name: string }[] = await sources[0]!.query('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(allNames);
      // The schema is there and the lock is released.
      expect((await sources[1]!.query(`SELECT to_regclass('public.scorecard_amendments') AS t`))[0].t).toBe('scorecard_amendments');
      expect(
        (
          await sources[0]!.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        )[0].n,
      ).toBe(0);
    } finally {
      await Promise.all(sources.filter((source) => source.isInitialized).map((source) => source.destroy()));
      await dropDatabase(serverUrl(), name);
    }
  });
});

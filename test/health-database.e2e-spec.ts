import { databaseNameOf, dropDatabase, onMaintenanceDatabase } from '@loopwright/database';
import { as, createFreshDatabase, createTeam, createTestApp, type TestApp, type TestTeam } from '@loopwright/testing';

/**
 * The app runs on a database of its own; the test takes that database away (every connection terminated, new ones
 * refused) and gives it back, the way a restarted or failed-over server looks from the app.
 */
describe('GET /health when the database goes down and comes back', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let databaseUrl: string;
  let name: string;
  const serverUrl = (): string => process.env.LOOPWRIGHT_TEST_SERVER_URL!;

  const setAllowConnections = (allow: boolean): Promise<unknown> =>
    onMaintenanceDatabase(serverUrl(), (client) => client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${allow}`));

  /** Ends every session on the app's database, waiting (up to 5 s each) until each backend has exited. */
  const terminateSessions = (): Promise<number> =>
    onMaintenanceDatabase(serverUrl(), async (client) => {
      const result = await client.query<{ ended: boolean }>(
        'SELECT pg_terminate_backend(pid, 5000) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      return result.rows.filter((row) => row.ended).length;
    });

  beforeAll(async () => {
    databaseUrl = await createFreshDatabase();
    name = databaseNameOf(databaseUrl);
    testApp = await createTestApp({ DATABASE_URL: databaseUrl });
    team = await createTeam(testApp, { admin: ['admin'] });
  });

  afterAll(async () => {
    await setAllowConnections(true);
    await testApp.close();
    await dropDatabase(serverUrl(), name);
  });

  it('answers 503 {status: "error", db: "down"} while the database is unreachable, and 200 again once it is back, without a restart', async () => {
    await testApp.http().get('/health').expect(200, { status: 'ok', db: 'up' });
    await as(testApp, team.users.admin!).get('/api/pillars').expect(200);

    await setAllowConnections(false);
    expect(await terminateSessions()).toBeGreaterThan(0);
    await testApp.http().get('/health').expect(503, { status: 'error', db: 'down' });
    // Not a one-off: it stays down for as long as the database does, and the API says so with its coded error.
    await testApp.http().get('/health').expect(503, { status: 'error', db: 'down' });
    const refused = await as(testApp, team.users.admin!).get('/api/pillars').expect(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });

    await setAllowConnections(true);
    await testApp.http().get('/health').expect(200, { status: 'ok', db: 'up' });
    const pillars = await as(testApp, team.users.admin!).get('/api/pillars').expect(200);
    expect(pillars.body.length).toBeGreaterThan(0);
  });
});

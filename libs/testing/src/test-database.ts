import { databaseNameOf, recreateDatabase, withDatabase } from '@loopwright/database';

// LOOPWRIGHT_TEST_DB_SUFFIX keeps two test runs on one server (two checkouts, two developers) apart.
const runSuffix = (process.env.LOOPWRIGHT_TEST_DB_SUFFIX ?? '').replace(/[^a-z0-9_]/gi, '');
export const TEMPLATE_DATABASE = `loopwright_test${runSuffix ? `_${runSuffix}` : ''}_template`;
export const SERVER_URL_VARIABLE = 'LOOPWRIGHT_TEST_SERVER_URL';

/** The database of this Jest worker, created from the migrated template by the global setup. */
export function workerDatabaseName(workerId = process.env.JEST_WORKER_ID ?? '1'): string {
  return `loopwright_test${runSuffix ? `_${runSuffix}` : ''}_${workerId}`;
}

/** Refuses anything that is not plainly a test database: tests create and drop data freely. */
export function assertTestDatabase(url: string): string {
  const name = databaseNameOf(url);
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run tests against the database "${name}": its name must contain "test"`);
  }
  return url;
}

export function workerDatabaseUrl(): string {
  const serverUrl = process.env[SERVER_URL_VARIABLE];
  if (!serverUrl) throw new Error(`${SERVER_URL_VARIABLE} is not set: run the tests through "npm test" (Jest's global setup sets it)`);
  return assertTestDatabase(withDatabase(serverUrl, workerDatabaseName()));
}

let freshDatabases = 0;

/** A new, migrated, empty database (copied from the template), for tests of first-start behaviour. */
export async function createFreshDatabase(): Promise<string> {
  const serverUrl = process.env[SERVER_URL_VARIABLE];
  if (!serverUrl) throw new Error(`${SERVER_URL_VARIABLE} is not set: run the tests through "npm test"`);
  freshDatabases += 1;
  const name = `${workerDatabaseName()}_fresh_${freshDatabases}`;
  await recreateDatabase(serverUrl, name, TEMPLATE_DATABASE);
  return assertTestDatabase(withDatabase(serverUrl, name));
}

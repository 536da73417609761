/// <reference types="jest" />
import type { Role } from '@loopwright/identity';
import { as, createTeam, DEFAULT_TEAM, pillarIdsByKey, type Caller, type TestTeam, type TestUser } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface TeamSuite {
  testApp: TestApp;
  team: TestTeam;
  /** Another organization, made only when `other` is given: what the team must never see or touch. */
  other: TestTeam;
  /** The team's pillar ids by key (`foundations`, `coding`, …). */
  pillars: Record<string, string>;
  /** Requests as the team's member `key`. */
  api(key: string): Caller;
  /** The id of the team's member `key`. */
  user(key: string): string;
}

export interface TeamSuiteOptions {
  /** Environment of the app (see `createTestApp`). */
  environment?: Record<string, string>;
  /** Members of a second organization (`suite.other`). */
  other?: Record<string, Role[]>;
}

/** An app and a team of password-hashed users take a while to make on a busy machine. */
const SUITE_SETUP_MS = 120_000;

/** The team's member `key`, or an error naming the key (a typo in a test, not an `undefined` token). */
export function memberOf(team: TestTeam, key: string): TestUser {
  const member = team.users[key];
  if (!member) throw new Error(`the test team has no member "${key}" (it has ${Object.keys(team.users).join(', ')})`);
  return member;
}

/**
 * A test file's app and team: made in a `beforeAll` (registered first, so the file's own `beforeAll` can use them),
 * the app closed in an `afterAll`. Read the fields inside hooks and tests, not at the top of the file.
 */
export function teamSuite(members: Record<string, Role[]> = DEFAULT_TEAM, options: TeamSuiteOptions = {}): TeamSuite {
  const suite = {
    api: (key: string) => as(suite.testApp, memberOf(suite.team, key)),
    user: (key: string) => memberOf(suite.team, key).id,
  } as TeamSuite;
  beforeAll(async () => {
    suite.testApp = await createTestApp(options.environment);
    const [team, other] = await Promise.all([
      createTeam(suite.testApp, members),
      options.other ? createTeam(suite.testApp, options.other) : undefined,
    ]);
    suite.team = team;
    if (other) suite.other = other;
    suite.pillars = await pillarIdsByKey(suite.api(Object.keys(members)[0]!));
  }, SUITE_SETUP_MS);
  afterAll(async () => {
    await suite.testApp?.close();
  });
  return suite;
}

import { AuthService, systemActor, UsersService, type Role } from '@loopwright/identity';
import { OnboardingService } from '@loopwright/onboarding';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  token: string;
}

export interface TestTeam {
  organization: { id: string; name: string };
  users: Record<string, TestUser>;
}

/** One user per role, the hiring manager also interviews: the smallest team with a caller of every kind (each user costs a password hash). */
export const ONE_PER_ROLE: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager', 'interviewer'],
  recruiter: ['recruiter'],
  interviewer: ['interviewer'],
};

/** Who a default test team has: one user per role and spare interviewers. */
export const DEFAULT_TEAM: Record<string, Role[]> = { ...ONE_PER_ROLE, interviewer2: ['interviewer'], interviewer3: ['interviewer'] };

/** A team that runs a loop: one of each staff role, two interviewers (`i1`, `i2`) and a `trainee` who shadows them. */
export const LOOP_TEAM: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager'],
  recruiter: ['recruiter'],
  i1: ['interviewer'],
  i2: ['interviewer'],
  trainee: ['interviewer'],
};

/** A team whose rounds have an interviewer and a shadow: one of each staff role, `interviewer`, `interviewer2` and a `trainee` who shadows. */
export const ROUND_STAFF_TEAM: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager'],
  recruiter: ['recruiter'],
  interviewer: ['interviewer'],
  interviewer2: ['interviewer'],
  trainee: ['interviewer'],
};

/** A fresh organization (with everything a new organization gets) and signed-in users: no shared seed between tests. */
export async function createTeam(
  testApp: TestApp,
  members: Readonly<Record<string, readonly Role[]>> = DEFAULT_TEAM,
  name = `Team ${randomUUID().slice(0, 8)}`,
): Promise<TestTeam> {
  const onboarding = testApp.app.get(OnboardingService);
  const usersService = testApp.app.get(UsersService);
  const auth = testApp.app.get(AuthService);
  return testApp.dataSource.transaction(async (manager) => {
    const organization = await onboarding.createOrganization(manager, name);
    const users: Record<string, TestUser> = {};
    for (const [key, memberRoles] of Object.entries(members)) {
      const roles = [...memberRoles];
      const email = `${key.toLowerCase()}.${randomUUID().slice(0, 8)}@example.test`;
      const user = await usersService.createInTransaction(manager, systemActor(organization.id), {
        email,
        name: `${key[0]?.toUpperCase()}${key.slice(1)} Tester`,
        roles,
        password: TEST_PASSWORD,
      });
      const { token } = await auth.issueToken(manager, user, 'session', null, new Date(Date.now() + 3_600_000));
      users[key] = { id: user.id, email, name: user.name, roles, token };
    }
    return { organization: { id: organization.id, name: organization.name }, users };
  });
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Requests as one user: what `as` gives. */
export type Caller = Record<Method, (url: string) => request.Test>;

/** Requests as a given user: `as(testApp, team.users.admin).post('/api/users').send(...)`. */
export function as(testApp: TestApp, user: Pick<TestUser, 'token'>): Caller {
  const call = (method: Method) => (url: string) => testApp.http()[method](url).set('Authorization', `Bearer ${user.token}`);
  return { get: call('get'), post: call('post'), put: call('put'), patch: call('patch'), delete: call('delete') };
}

/** Audit events of an organization, newest first, straight from the table. */
export async function auditActions(testApp: TestApp, organizationId: string, entityId?: string): Promise<string[]> {
  const rows: { action: string }[] = await testApp.dataSource.query(
    `SELECT action FROM audit_events WHERE organization_id = $1 AND ($2::uuid IS NULL OR entity_id = $2) ORDER BY at DESC, id DESC`,
    [organizationId, entityId ?? null],
  );
  return rows.map((row) => row.action);
}

/** The organization's pillar ids by key (`foundations`, `coding`, …), read through the API as the given caller. */
export async function pillarIdsByKey(caller: Caller): Promise<Record<string, string>> {
  const pillars = (await caller.get('/api/pillars').expect(200)).body as { key: string; id: string }[];
  return Object.fromEntries(pillars.map((pillar) => [pillar.key, pillar.id]));
}

/** A round's times: `day` days and `hour` hours after `base` (a UTC epoch in ms), lasting `minutes`. */
export function timeSlot(base: number, day: number, hour: number, minutes = 60): { startsAt: string; endsAt: string } {
  const start = base + day * 86_400_000 + hour * 3_600_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + minutes * 60_000).toISOString() };
}

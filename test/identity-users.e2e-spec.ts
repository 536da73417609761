import { randomUUID } from 'node:crypto';
import { as, auditActions, createTeam, createTestApp, TEST_PASSWORD, type TestApp, type TestTeam } from '@loopwright/testing';

describe('identity: users, roles, qualifications, audit log', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let otherTeam: TestTeam;
  let pillarIds: string[];
  let otherPillarId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp);
    otherTeam = await createTeam(testApp, { admin: ['admin'] });
    const pillars: { id: string }[] = await testApp.dataSource.query('SELECT id FROM pillars WHERE organization_id = $1 ORDER BY position', [team.organization.id]);
    pillarIds = pillars.map((pillar) => pillar.id);
    [{ id: otherPillarId }] = await testApp.dataSource.query('SELECT id FROM pillars WHERE organization_id = $1 LIMIT 1', [otherTeam.organization.id]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: `new.${Math.random().toString(36).slice(2, 10)}@example.test`,
    name: 'New Person',
    roles: ['interviewer'],
    password: 'a-long-password',
    ...overrides,
  });
  const auditCount = async (): Promise<number> =>
    (await testApp.dataSource.query('SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1', [team.organization.id]))[0].n;

  describe('POST /api/users', () => {
    it('lets an admin create a user who can then sign in, with an audit event that masks the password', async () => {
      const input = newUser({ roles: ['interviewer', 'hiring_manager'], weeklyInterviewLimit: 4, timezone: 'Europe/Berlin' });
      const created = await as(testApp, team.users.admin!).post('/api/users').send(input).expect(201);
      expect(created.body).toMatchObject({ email: input.email, roles: ['interviewer', 'hiring_manager'], active: true, weeklyInterviewLimit: 4, timezone: 'Europe/Berlin', qualifications: [] });
      expect(created.body).not.toHaveProperty('passwordHash');
      await testApp.http().post('/api/auth/login').send({ email: input.email, password: input.password }).expect(200);

      const events = await as(testApp, team.users.admin!).get(`/api/audit-events?entityId=${created.body.id}&action=user.created`).expect(200);
      expect(events.body.items).toEqual([
        expect.objectContaining({ action: 'user.created', actorId: team.users.admin!.id, entityType: 'user', entityId: created.body.id, requestId: expect.any(String) }),
      ]);
      expect(events.body.items[0].changes.passwordHash).toEqual({ before: null, after: '[masked]' });
      expect(JSON.stringify(events.body)).not.toContain(input.password);
    });

    it.each(['hiringManager', 'recruiter', 'interviewer'])('refuses %s with 403 FORBIDDEN', async (role) => {
      const response = await as(testApp, team.users[role]!).post('/api/users').send(newUser()).expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    });

    it('answers 409 EMAIL_TAKEN for an email already in the organization, whatever its case, and writes no audit event', async () => {
      const before = await auditCount();
      const response = await as(testApp, team.users.admin!).post('/api/users').send(newUser({ email: team.users.recruiter!.email.toUpperCase() })).expect(409);
      expect(response.body).toMatchObject({ code: 'EMAIL_TAKEN' });
      expect(await auditCount()).toBe(before);
    });

    it('allows the same email in another organization', async () => {
      await as(testApp, otherTeam.users.admin!).post('/api/users').send(newUser({ email: team.users.recruiter!.email })).expect(201);
    });

    it('rejects unknown fields and invalid values, naming each field, and writes nothing', async () => {
      const before = await auditCount();
      const response = await as(testApp, team.users.admin!)
        .post('/api/users')
        .send({ email: 'nope', name: '', roles: ['owner'], password: 'short', isSuperuser: true, weeklyInterviewLimit: -1, timezone: 'Mars/Base' })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      const fields = response.body.details.fields.map((field: { field: string }) => field.field).sort();
      expect(fields).toEqual(['email', 'isSuperuser', 'name', 'password', 'roles', 'timezone', 'weeklyInterviewLimit']);
      expect(await auditCount()).toBe(before);
    });
  });

  describe('GET /api/users', () => {
    it.each(['admin', 'hiringManager', 'recruiter'])('lists the organization for %s, and only it', async (role) => {
      const response = await as(testApp, team.users[role]!).get('/api/users?limit=200').expect(200);
      const ids = response.body.items.map((user: { id: string }) => user.id);
      expect(ids).toEqual(expect.arrayContaining(Object.values(team.users).map((user) => user.id)));
      expect(ids).not.toContain(otherTeam.users.admin!.id);
    });

    it('refuses interviewers', async () => {
      await as(testApp, team.users.interviewer!).get('/api/users').expect(403);
    });

    it('filters by role and pages with a cursor', async () => {
      const interviewers = await as(testApp, team.users.admin!).get('/api/users?role=interviewer&limit=200').expect(200);
      expect(interviewers.body.items.every((user: { roles: string[] }) => user.roles.includes('interviewer'))).toBe(true);

      const first = await as(testApp, team.users.admin!).get('/api/users?limit=2').expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await as(testApp, team.users.admin!).get(`/api/users?limit=2&cursor=${first.body.nextCursor}`).expect(200);
      const firstIds = first.body.items.map((user: { id: string }) => user.id);
      expect(second.body.items.map((user: { id: string }) => user.id).some((id: string) => firstIds.includes(id))).toBe(false);
    });

    it('rejects a bad limit or cursor, naming it', async () => {
      const limit = await as(testApp, team.users.admin!).get('/api/users?limit=500').expect(400);
      expect(limit.body.details.fields[0].field).toBe('limit');
      const cursor = await as(testApp, team.users.admin!).get('/api/users?cursor=garbage').expect(400);
      expect(cursor.body.details.fields[0].field).toBe('cursor');
    });
  });

  describe('GET/PATCH /api/users/:id', () => {
    it('lets an admin read a user; others get 403; another organization gets 404', async () => {
      await as(testApp, team.users.admin!).get(`/api/users/${team.users.interviewer!.id}`).expect(200);
      await as(testApp, team.users.recruiter!).get(`/api/users/${team.users.interviewer!.id}`).expect(403);
      const foreign = await as(testApp, otherTeam.users.admin!).get(`/api/users/${team.users.interviewer!.id}`).expect(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      await as(testApp, otherTeam.users.admin!).patch(`/api/users/${team.users.interviewer!.id}`).send({ name: 'Hijacked' }).expect(404);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      const response = await as(testApp, team.users.admin!).get('/api/users/not-a-uuid').expect(400);
      expect(response.body.details.fields[0].field).toBe('id');
    });

    it('deactivates a user: their tokens stop working at once and they cannot sign in', async () => {
      const victim = await createTeam(testApp, { admin: ['admin'], leaver: ['interviewer'] });
      const response = await as(testApp, victim.users.admin!).patch(`/api/users/${victim.users.leaver!.id}`).send({ active: false }).expect(200);
      expect(response.body.active).toBe(false);
      await as(testApp, victim.users.leaver!).get('/api/me').expect(401);
      await testApp.http().post('/api/auth/login').send({ email: victim.users.leaver!.email, password: TEST_PASSWORD }).expect(401);
      expect(await auditActions(testApp, victim.organization.id, victim.users.leaver!.id)).toEqual(['user.deactivated', 'user.created']);
    });

    it('keeps at least one active admin', async () => {
      const solo = await createTeam(testApp, { admin: ['admin'] });
      const demote = await as(testApp, solo.users.admin!).patch(`/api/users/${solo.users.admin!.id}`).send({ roles: ['interviewer'] }).expect(409);
      expect(demote.body.code).toBe('LAST_ADMIN');
      await as(testApp, solo.users.admin!).patch(`/api/users/${solo.users.admin!.id}`).send({ active: false }).expect(409);
    });

    it('edits roles, limit and time zone, and records before and after', async () => {
      const response = await as(testApp, team.users.admin!)
        .patch(`/api/users/${team.users.interviewer3!.id}`)
        .send({ roles: ['interviewer', 'recruiter'], weeklyInterviewLimit: 3, timezone: 'America/New_York' })
        .expect(200);
      expect(response.body).toMatchObject({ roles: ['interviewer', 'recruiter'], weeklyInterviewLimit: 3, timezone: 'America/New_York' });
      const events = await as(testApp, team.users.admin!).get(`/api/audit-events?entityId=${team.users.interviewer3!.id}&action=user.updated`).expect(200);
      expect(events.body.items[0].changes).toEqual({
        roles: { before: ['interviewer'], after: ['interviewer', 'recruiter'] },
        weeklyInterviewLimit: { before: null, after: 3 },
        timezone: { before: 'UTC', after: 'America/New_York' },
      });
    });
  });

  describe('PUT /api/users/:id/qualifications', () => {
    it('replaces the set, readable on the user, for admins and hiring managers', async () => {
      const url = `/api/users/${team.users.interviewer!.id}/qualifications`;
      await as(testApp, team.users.admin!).put(url).send([{ pillarId: pillarIds[0], level: 'qualified' }, { pillarId: pillarIds[1], level: 'shadow' }]).expect(200);
      const replaced = await as(testApp, team.users.hiringManager!).put(url).send([{ pillarId: pillarIds[2], level: 'qualified' }]).expect(200);
      expect(replaced.body.qualifications).toEqual([{ pillarId: pillarIds[2], level: 'qualified' }]);
      const read = await as(testApp, team.users.admin!).get(`/api/users/${team.users.interviewer!.id}`).expect(200);
      expect(read.body.qualifications).toEqual([{ pillarId: pillarIds[2], level: 'qualified' }]);
      const me = await as(testApp, team.users.interviewer!).get('/api/me').expect(200);
      expect(me.body.qualifications).toEqual([{ pillarId: pillarIds[2], level: 'qualified' }]);
    });

    it.each(['recruiter', 'interviewer'])('refuses %s', async (role) => {
      await as(testApp, team.users[role]!).put(`/api/users/${team.users.interviewer!.id}/qualifications`).send([]).expect(403);
    });

    it('rejects another organization’s pillar, an unknown level and duplicates, naming the row, and keeps the old set', async () => {
      const url = `/api/users/${team.users.interviewer2!.id}/qualifications`;
      await as(testApp, team.users.admin!).put(url).send([{ pillarId: pillarIds[0], level: 'qualified' }]).expect(200);

      const foreign = await as(testApp, team.users.admin!).put(url).send([{ pillarId: pillarIds[1], level: 'qualified' }, { pillarId: otherPillarId, level: 'qualified' }]).expect(400);
      expect(foreign.body.details.fields).toEqual([expect.objectContaining({ field: '1.pillarId' })]);
      const unknown = await as(testApp, team.users.admin!).put(url).send([{ pillarId: randomUUID(), level: 'shadow' }]).expect(400);
      expect(unknown.body.details.fields).toEqual([{ field: '0.pillarId', problems: ['pillarId is not a pillar of this organization'] }]);
      const level = await as(testApp, team.users.admin!).put(url).send([{ pillarId: pillarIds[1], level: 'expert', extra: 1 }]).expect(400);
      expect(level.body.details.fields.map((field: { field: string }) => field.field).sort()).toEqual(['0.extra', '0.level']);
      const duplicate = await as(testApp, team.users.admin!).put(url).send([{ pillarId: pillarIds[1], level: 'qualified' }, { pillarId: pillarIds[1], level: 'shadow' }]).expect(400);
      expect(duplicate.body.details.fields[0].field).toBe('1.pillarId');
      const notArray = await as(testApp, team.users.admin!).put(url).send({ pillarId: pillarIds[1] }).expect(400);
      expect(notArray.body.code).toBe('VALIDATION_FAILED');

      const read = await as(testApp, team.users.admin!).get(`/api/users/${team.users.interviewer2!.id}`).expect(200);
      expect(read.body.qualifications).toEqual([{ pillarId: pillarIds[0], level: 'qualified' }]);
    });

    it('answers 404 for a user of another organization', async () => {
      await as(testApp, otherTeam.users.admin!).put(`/api/users/${team.users.interviewer!.id}/qualifications`).send([]).expect(404);
    });
  });

  describe('GET /api/audit-events', () => {
    it('is for admins only', async () => {
      for (const role of ['hiringManager', 'recruiter', 'interviewer']) {
        await as(testApp, team.users[role]!).get('/api/audit-events').expect(403);
      }
    });

    it('shows only the organization’s events, newest first, filtered by actor, paged', async () => {
      const page = await as(testApp, team.users.admin!).get(`/api/audit-events?actorId=${team.users.admin!.id}&limit=2`).expect(200);
      expect(page.body.items).toHaveLength(2);
      expect(page.body.items.every((event: { actorId: string }) => event.actorId === team.users.admin!.id)).toBe(true);
      const next = await as(testApp, team.users.admin!).get(`/api/audit-events?actorId=${team.users.admin!.id}&limit=2&cursor=${page.body.nextCursor}`).expect(200);
      expect(new Date(next.body.items[0].at).getTime()).toBeLessThanOrEqual(new Date(page.body.items[1].at).getTime());
      expect(next.body.items[0].id).not.toBe(page.body.items[1].id);

      const foreign = await as(testApp, otherTeam.users.admin!).get(`/api/audit-events?entityId=${team.users.interviewer!.id}`).expect(200);
      expect(foreign.body.items).toEqual([]);
    });
  });

  describe('GET /api/me', () => {
    it.each(['admin', 'hiringManager', 'recruiter', 'interviewer'])('answers for %s', async (role) => {
      const response = await as(testApp, team.users[role]!).get('/api/me').expect(200);
      expect(response.body).toMatchObject({ id: team.users[role]!.id, email: team.users[role]!.email, organization: { id: team.organization.id } });
    });
  });
});

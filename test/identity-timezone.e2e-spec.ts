import { as, auditActions, createTeam, createTestApp, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

describe('identity: the time zone a person sees times in', () => {
  let testApp: TestApp;
  let team: TestTeam;

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp, { admin: ['admin'], interviewer: ['interviewer'] });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('starts a new member in the organization’s zone unless one is given', async () => {
    await testApp.dataSource.query(`UPDATE organizations SET timezone = 'Europe/Lisbon' WHERE id = $1`, [team.organization.id]);
    const admin = as(testApp, team.users.admin!);
    const plain = await admin
      .post('/api/users')
      .send({ email: `a.${randomUUID().slice(0, 8)}@example.test`, name: 'Ana', roles: ['interviewer'] })
      .expect(201);
    expect(plain.body.timezone).toBe('Europe/Lisbon');
    const chosen = await admin
      .post('/api/users')
      .send({ email: `b.${randomUUID().slice(0, 8)}@example.test`, name: 'Bo', roles: ['interviewer'], timezone: 'Asia/Seoul' })
      .expect(201);
    expect(chosen.body.timezone).toBe('Asia/Seoul');
  });

  it('PATCH /api/me changes one’s own zone (audited), refuses an unknown zone and any other field', async () => {
    const me = as(testApp, team.users.interviewer!);
    const changed = await me.patch('/api/me').send({ timezone: 'America/Chicago' }).expect(200);
    expect(changed.body).toMatchObject({ id: team.users.interviewer!.id, timezone: 'America/Chicago' });
    await expect(me.get('/api/me').expect(200)).resolves.toMatchObject({ body: { timezone: 'America/Chicago' } });
    expect((await auditActions(testApp, team.organization.id, team.users.interviewer!.id))[0]).toBe('user.updated');
    const unknown = await me.patch('/api/me').send({ timezone: 'Mars/Olympus' }).expect(400);
    expect(unknown.body.details.fields.map((field: { field: string }) => field.field)).toEqual(['timezone']);
    await me
      .patch('/api/me')
      .send({ roles: ['admin'] })
      .expect(400);
    await me.patch('/api/me').send({ timezone: null }).expect(400);
  });
});

import { as, auditActions, createTeam, createTestApp, ONE_PER_ROLE, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

describe('question bank: pillars', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;

  const uniqueKey = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    testApp = await createTestApp();
    [team, other] = await Promise.all([createTeam(testApp, ONE_PER_ROLE), createTeam(testApp, { admin: ['admin'] })]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('lists the four default pillars in order to any user', async () => {
    const response = await as(testApp, team.users.interviewer).get('/api/pillars').expect(200);
    expect(response.body.slice(0, 4).map((pillar: { key: string }) => pillar.key)).toEqual([
      'foundations',
      'coding',
      'system-design',
      'behavioral',
    ]);
    expect(response.body[0]).toEqual({
      id: expect.any(String),
      key: 'foundations',
      name: 'Foundational knowledge',
      description: expect.stringContaining('bias-variance'),
      position: 0,
      createdAt: expect.any(String),
    });
  });

  it('lets an admin add, rename and reorder a pillar, with audit events', async () => {
    const key = uniqueKey('data');
    const created = await as(testApp, team.users.admin)
      .post('/api/pillars')
      .send({ key, name: ' Data engineering ', description: 'Pipelines' })
      .expect(201);
    expect(created.body).toMatchObject({ key, name: 'Data engineering', description: 'Pipelines', position: expect.any(Number) });
    expect(created.body.position).toBeGreaterThanOrEqual(4);

    const renamed = await as(testApp, team.users.admin)
      .patch(`/api/pillars/${created.body.id}`)
      .send({ name: 'Data platforms', position: 0 })
      .expect(200);
    expect(renamed.body).toMatchObject({ key, name: 'Data platforms', position: 0 });
    const listed = await as(testApp, team.users.admin).get('/api/pillars').expect(200);
    expect(listed.body.map((pillar: { key: string }) => pillar.key).slice(0, 2)).toContain(key);

    expect(await auditActions(testApp, team.organization.id, created.body.id)).toEqual(['pillar.updated', 'pillar.created']);
    await as(testApp, team.users.admin).patch(`/api/pillars/${created.body.id}`).send({ position: 0 }).expect(200);
    expect(await auditActions(testApp, team.organization.id, created.body.id)).toHaveLength(2);
  });

  it('keeps keys unique per organization: 409 PILLAR_KEY_TAKEN on create and rename, fine in another organization', async () => {
    const taken = await as(testApp, team.users.admin).post('/api/pillars').send({ key: 'coding', name: 'Coding again' }).expect(409);
    expect(taken.body.code).toBe('PILLAR_KEY_TAKEN');
    const { body: created } = await as(testApp, team.users.admin)
      .post('/api/pillars')
      .send({ key: uniqueKey('ops'), name: 'Ops' })
      .expect(201);
    const renamed = await as(testApp, team.users.admin).patch(`/api/pillars/${created.id}`).send({ key: 'behavioral' }).expect(409);
    expect(renamed.body.code).toBe('PILLAR_KEY_TAKEN');
    await as(testApp, other.users.admin).post('/api/pillars').send({ key: created.key, name: 'Ops' }).expect(201);
  });

  it('validates keys and names', async () => {
    for (const body of [
      { key: 'Has Spaces', name: 'x' },
      { key: 'ok-key', name: '' },
      { key: 'ok-key', name: 'x', extra: 1 },
      { name: 'no key' },
    ]) {
      const response = await as(testApp, team.users.admin).post('/api/pillars').send(body).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const { body: pillars } = await as(testApp, team.users.admin).get('/api/pillars').expect(200);
    const response = await as(testApp, team.users.admin).patch(`/api/pillars/${pillars[0].id}`).send({ name: null }).expect(400);
    expect(response.body.details.fields[0].field).toBe('name');
  });

  it('refuses to delete a pillar in use (409 PILLAR_IN_USE) and deletes an unused one', async () => {
    const api = as(testApp, team.users.admin);
    const { body: pillars } = await api.get('/api/pillars').expect(200);
    const foundations = pillars.find((pillar: { key: string }) => pillar.key === 'foundations');
    const inUse = await api.delete(`/api/pillars/${foundations.id}`).expect(409);
    expect(inUse.body).toMatchObject({ code: 'PILLAR_IN_USE', details: { usedBy: ['questions'] } });

    const { body: qualified } = await api
      .post('/api/pillars')
      .send({ key: uniqueKey('qual'), name: 'Qualified' })
      .expect(201);
    await api
      .put(`/api/users/${team.users.interviewer.id}/qualifications`)
      .send([{ pillarId: qualified.id, level: 'qualified' }])
      .expect(200);
    const byQualification = await api.delete(`/api/pillars/${qualified.id}`).expect(409);
    expect(byQualification.body.details.usedBy).toEqual(['interviewer qualifications']);

    const { body: unused } = await api
      .post('/api/pillars')
      .send({ key: uniqueKey('tmp'), name: 'Temporary' })
      .expect(201);
    await api.delete(`/api/pillars/${unused.id}`).expect(204);
    const after = await api.get('/api/pillars').expect(200);
    expect(after.body.map((pillar: { id: string }) => pillar.id)).not.toContain(unused.id);
    expect(await auditActions(testApp, team.organization.id, unused.id)).toEqual(['pillar.deleted', 'pillar.created']);
  });

  it('lets only admins change pillars', async () => {
    const { body: pillars } = await as(testApp, team.users.admin).get('/api/pillars').expect(200);
    for (const user of [team.users.hiringManager, team.users.recruiter, team.users.interviewer]) {
      await as(testApp, user)
        .post('/api/pillars')
        .send({ key: uniqueKey('nope'), name: 'Nope' })
        .expect(403);
      await as(testApp, user).patch(`/api/pillars/${pillars[0].id}`).send({ name: 'Nope' }).expect(403);
      await as(testApp, user).delete(`/api/pillars/${pillars[0].id}`).expect(403);
    }
  });

  it('answers 404 for another organization’s pillar', async () => {
    const { body: theirs } = await as(testApp, other.users.admin)
      .post('/api/pillars')
      .send({ key: uniqueKey('theirs'), name: 'Theirs' })
      .expect(201);
    const api = as(testApp, team.users.admin);
    expect((await api.patch(`/api/pillars/${theirs.id}`).send({ name: 'Ours' })).status).toBe(404);
    expect((await api.delete(`/api/pillars/${theirs.id}`)).status).toBe(404);
    const { body: mine } = await api.get('/api/pillars').expect(200);
    expect(mine.map((pillar: { id: string }) => pillar.id)).not.toContain(theirs.id);
    const still = await as(testApp, other.users.admin).get('/api/pillars').expect(200);
    expect(still.body.find((pillar: { id: string }) => pillar.id === theirs.id)?.name).toBe('Theirs');
  });
});

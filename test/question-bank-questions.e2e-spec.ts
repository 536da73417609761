import { QuestionsService } from '@loopwright/question-bank';
import { as, auditActions, createTeam, createTestApp, ONE_PER_ROLE, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const rubric = {
  strong_no: 'Cannot explain it.',
  no: 'Explains it vaguely.',
  yes: 'Explains it with an example.',
  strong_yes: 'Explains it and its trade-offs.',
};

describe('question bank: questions and versions', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;
  let pillars: Record<string, string>;

  const newQuestion = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    pillarId: pillars.foundations,
    title: `Explain dropout ${randomUUID().slice(0, 6)}`,
    prompt: 'What does **dropout** do during training and at inference?',
    rubric,
    followUps: ['Why scale activations?'],
    tags: ['regularization', 'Deep-Learning '],
    difficulty: 2,
    roles: ['ml_engineer'],
    ...overrides,
  });

  beforeAll(async () => {
    testApp = await createTestApp();
    [team, other] = await Promise.all([createTeam(testApp, ONE_PER_ROLE), createTeam(testApp, { admin: ['admin'] })]);
    const response = await as(testApp, team.users.admin).get('/api/pillars').expect(200);
    pillars = Object.fromEntries((response.body as { key: string; id: string }[]).map((pillar) => [pillar.key, pillar.id]));
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('starts every organization with the seed content: at least 10 questions per pillar, bias-variance among them', async () => {
    const rows: { key: string; count: number }[] = await testApp.dataSource.query(
      `SELECT p.key, count(q.id)::int AS count FROM pillars p LEFT JOIN questions q ON q.pillar_id = p.id
        WHERE p.organization_id = $1 GROUP BY p.key`,
      [team.organization.id],
    );
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.count).toBeGreaterThanOrEqual(10);
    const page = await as(testApp, team.users.interviewer).get('/api/questions?pillar=foundations&limit=200').expect(200);
    const biasVariance = page.body.items.find((item: { title: string }) => item.title === 'Explain the bias-variance tradeoff');
    expect(biasVariance).toMatchObject({ pillarKey: 'foundations', version: 1, authorId: null, status: 'active' });
    const detail = await as(testApp, team.users.interviewer).get(`/api/questions/${biasVariance.id}`).expect(200);
    expect(Object.keys(detail.body.rubric)).toEqual(['strong_no', 'no', 'yes', 'strong_yes']);
    expect(detail.body.followUps.length).toBeGreaterThan(0);
  });

  it('creates a question at version 1 with an audit event', async () => {
    const response = await as(testApp, team.users.hiringManager).post('/api/questions').send(newQuestion()).expect(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      pillarId: pillars.foundations,
      pillarKey: 'foundations',
      version: 1,
      status: 'active',
      rubric,
      followUps: ['Why scale activations?'],
      tags: ['regularization', 'deep-learning'],
      difficulty: 2,
      roles: ['ml_engineer'],
      authorId: team.users.hiringManager.id,
      stats: { timesPlanned: 0, timesAsked: 0, lastPlannedAt: null, lastAskedAt: null },
    });
    expect(await auditActions(testApp, team.organization.id, response.body.id)).toEqual(['question.created']);
  });

  it('makes a new version when the prompt changes and keeps the old one readable; a title edit stays in place', async () => {
    const { body: created } = await as(testApp, team.users.admin).post('/api/questions').send(newQuestion()).expect(201);
    const api = as(testApp, team.users.hiringManager);

    const retitled = await api
      .patch(`/api/questions/${created.id}`)
      .send({ title: 'Dropout, explained', tags: ['dropout'] })
      .expect(200);
    expect(retitled.body).toMatchObject({ version: 1, title: 'Dropout, explained', tags: ['dropout'], prompt: created.prompt });

    const reworded = await api
      .patch(`/api/questions/${created.id}`)
      .send({ prompt: 'Explain dropout and inverted dropout.', version: 1 })
      .expect(200);
    expect(reworded.body).toMatchObject({
      version: 2,
      prompt: 'Explain dropout and inverted dropout.',
      rubric,
      title: 'Dropout, explained',
    });

    const sameContent = await api
      .patch(`/api/questions/${created.id}`)
      .send({ prompt: 'Explain dropout and inverted dropout.', rubric })
      .expect(200);
    expect(sameContent.body.version).toBe(2);

    const rerubric = await api
      .patch(`/api/questions/${created.id}`)
      .send({ rubric: { ...rubric, strong_yes: 'Derives the expectation.' }, followUps: [] })
      .expect(200);
    expect(rerubric.body).toMatchObject({ version: 3, followUps: [], rubric: { strong_yes: 'Derives the expectation.' } });

    const versions = await as(testApp, team.users.interviewer).get(`/api/questions/${created.id}/versions`).expect(200);
    expect(versions.body.map((version: { version: number }) => version.version)).toEqual([3, 2, 1]);
    expect(versions.body[2]).toMatchObject({ version: 1, prompt: created.prompt, rubric, followUps: ['Why scale activations?'] });
    expect(versions.body[1]).toMatchObject({
      version: 2,
      prompt: 'Explain dropout and inverted dropout.',
      authorId: team.users.hiringManager.id,
    });

    const stale = await api.patch(`/api/questions/${created.id}`).send({ prompt: 'Lost update?', version: 2 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: { current: { version: 3 } } });

    expect(await auditActions(testApp, team.organization.id, created.id)).toEqual([
      'question.updated',
      'question.updated',
      'question.updated',
      'question.created',
    ]);
  });

  it('retires a question with a reason, once', async () => {
    const { body: created } = await as(testApp, team.users.admin).post('/api/questions').send(newQuestion()).expect(201);
    const retired = await as(testApp, team.users.hiringManager)
      .post(`/api/questions/${created.id}/retire`)
      .send({ reason: 'leaked' })
      .expect(200);
    expect(retired.body).toMatchObject({ status: 'retired', retireReason: 'leaked', retiredAt: expect.any(String) });
    const again = await as(testApp, team.users.hiringManager)
      .post(`/api/questions/${created.id}/retire`)
      .send({ reason: 'leaked' })
      .expect(409);
    expect(again.body.code).toBe('QUESTION_ALREADY_RETIRED');
    await as(testApp, team.users.interviewer).get(`/api/questions/${created.id}`).expect(200);
    expect(await auditActions(testApp, team.organization.id, created.id)).toEqual(['question.retired', 'question.created']);
  });

  it.each([
    ['difficulty above 5', { difficulty: 6 }, 'difficulty'],
    ['difficulty below 1', { difficulty: 0 }, 'difficulty'],
    ['an empty title', { title: '   ' }, 'title'],
    ['an empty prompt', { prompt: ' \n ' }, 'prompt'],
    ['a prompt over 20,000 characters', { prompt: 'x'.repeat(20_001) }, 'prompt'],
    ['a rubric missing a level', { rubric: { strong_no: 'a', no: 'b', yes: 'c' } }, 'rubric.strong_yes'],
    ['an empty rubric level', { rubric: { ...rubric, no: '' } }, 'rubric.no'],
    ['more than 50 tags', { tags: Array.from({ length: 51 }, (_, index) => `tag-${index}`) }, 'tags'],
    ['a tag over 40 characters', { tags: ['x'.repeat(41)] }, 'tags'],
    ['an unknown role', { roles: ['data_scientist'] }, 'roles'],
    ['an unknown field', { secret: true }, 'secret'],
    ['a pillarId that is not a UUID', { pillarId: 'foundations' }, 'pillarId'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_case, overrides, field) => {
    const before = await auditActions(testApp, team.organization.id);
    const response = await as(testApp, team.users.admin).post('/api/questions').send(newQuestion(overrides)).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    expect(await auditActions(testApp, team.organization.id)).toEqual(before);
  });

  it('rejects a pillar of another organization as an unknown pillar (400 pillarId)', async () => {
    const { body: otherPillars } = await as(testApp, other.users.admin).get('/api/pillars').expect(200);
    const response = await as(testApp, team.users.admin)
      .post('/api/questions')
      .send(newQuestion({ pillarId: otherPillars[0].id }))
      .expect(400);
    expect(response.body.details.fields).toEqual([{ field: 'pillarId', problems: [expect.any(String)] }]);
    const patch = await as(testApp, team.users.admin)
      .post('/api/questions')
      .send(newQuestion())
      .expect(201)
      .then(({ body }) => as(testApp, team.users.admin).patch(`/api/questions/${body.id}`).send({ pillarId: randomUUID() }).expect(400));
    expect(patch.body.details.fields[0].field).toBe('pillarId');
  });

  it('lets interviewers and recruiters read but not write', async () => {
    const { body: created } = await as(testApp, team.users.admin).post('/api/questions').send(newQuestion()).expect(201);
    for (const reader of [team.users.interviewer, team.users.recruiter]) {
      await as(testApp, reader).get('/api/questions').expect(200);
      await as(testApp, reader).get(`/api/questions/${created.id}`).expect(200);
      await as(testApp, reader).get(`/api/questions/${created.id}/versions`).expect(200);
      const denied = await as(testApp, reader).post('/api/questions').send(newQuestion()).expect(403);
      expect(denied.body.code).toBe('FORBIDDEN');
      await as(testApp, reader).patch(`/api/questions/${created.id}`).send({ title: 'Mine now' }).expect(403);
      await as(testApp, reader).post(`/api/questions/${created.id}/retire`).send({ reason: 'no' }).expect(403);
      await as(testApp, reader).post('/api/questions/import').send([]).expect(403);
      await as(testApp, reader).get('/api/questions/export').expect(403);
    }
    await testApp.http().get('/api/questions').expect(401);
  });

  it('answers 404 for another organization’s question on every route', async () => {
    const { body: theirs } = await as(testApp, other.users.admin)
      .post('/api/questions')
      .send(newQuestion({ pillarId: (await as(testApp, other.users.admin).get('/api/pillars')).body[0].id }))
      .expect(201);
    const api = as(testApp, team.users.admin);
    for (const response of [
      await api.get(`/api/questions/${theirs.id}`),
      await api.get(`/api/questions/${theirs.id}/versions`),
      await api.patch(`/api/questions/${theirs.id}`).send({ title: 'Hijacked' }),
      await api.post(`/api/questions/${theirs.id}/retire`).send({ reason: 'mine' }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    const listed = await api.get(`/api/questions?status=all&limit=200&q=${encodeURIComponent(theirs.title)}`).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(theirs.id);
    await api.get('/api/questions/not-a-uuid').expect(400);
    const unchanged = await as(testApp, other.users.admin).get(`/api/questions/${theirs.id}`).expect(200);
    expect(unchanged.body.title).toBe(theirs.title);
  });

  describe('exposure (the service the loops feature calls)', () => {
    it('records plans and asks, reports stats and what a candidate saw, and never plans a retired or seen question', async () => {
      const service = testApp.app.get(QuestionsService);
      const organizationId = team.organization.id;
      const { body: pillar } = await as(testApp, team.users.admin)
        .post('/api/pillars')
        .send({ key: `exposure-${randomUUID().slice(0, 6)}`, name: 'Exposure' })
        .expect(201);
      const ids: string[] = [];
      for (let index = 0; index < 4; index += 1) {
        const { body } = await as(testApp, team.users.admin)
          .post('/api/questions')
          .send(newQuestion({ pillarId: pillar.id, roles: index === 3 ? ['ai_engineer'] : [] }))
          .expect(201);
        ids.push(body.id);
      }
      const [q0, q1, q2, q3] = ids as [string, string, string, string];
      await as(testApp, team.users.admin).post(`/api/questions/${q2}/retire`).send({ reason: 'too easy' }).expect(200);

      const candidate = randomUUID();
      const askedAt = new Date('2026-11-02T10:00:00.000Z');
      await testApp.dataSource.transaction((manager) =>
        service.recordExposure(manager, organizationId, [
          { questionId: q0, version: 1, candidateId: candidate, loopId: randomUUID(), kind: 'planned' },
          { questionId: q0, version: 1, candidateId: candidate, kind: 'asked', at: askedAt },
        ]),
      );
      const { body: detail } = await as(testApp, team.users.interviewer).get(`/api/questions/${q0}`).expect(200);
      expect(detail.stats).toEqual({
        timesPlanned: 1,
        timesAsked: 1,
        lastPlannedAt: expect.any(String),
        lastAskedAt: askedAt.toISOString(),
      });
      expect(await service.questionIdsSeenByCandidate(organizationId, candidate)).toEqual(new Set([q0]));
      expect((await service.stats(organizationId, [q0, q1])).get(q1)).toEqual({
        timesPlanned: 0,
        timesAsked: 0,
        lastPlannedAt: null,
        lastAskedAt: null,
      });

      const pick = (criteria: Partial<Parameters<QuestionsService['pickQuestionsForPlanning']>[2]>) =>
        service.pickQuestionsForPlanning(testApp.dataSource.manager, organizationId, { pillarIds: [pillar.id], count: 10, ...criteria });
      const all = await pick({});
      expect(all.map((question) => question.questionId).sort()).toEqual([q0, q1, q3].sort());
      expect(all.at(-1)?.questionId).toBe(q0);
      expect((await pick({ candidateId: candidate })).map((question) => question.questionId).sort()).toEqual([q1, q3].sort());
      expect((await pick({ roleFamily: 'ml_engineer', excludeIds: [q1] })).map((question) => question.questionId)).toEqual([q0]);
      expect(await pick({ count: 1, excludeIds: [q0, q1, q3] })).toEqual([]);

      await expect(
        testApp.dataSource.transaction((manager) =>
          service.recordExposure(manager, other.organization.id, [{ questionId: q1, version: 1, candidateId: candidate, kind: 'asked' }]),
        ),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await service.stats(organizationId, [q1])).get(q1)?.timesAsked).toBe(0);
    });
  });
});

import { AUTH_SQL_TAG } from '@loopwright/database';
import type { Role } from '@loopwright/identity';
import { as, auditActions, createCandidate, createLoop, createLoopTemplate, createPosition, createTeam, createTestApp, ONE_PER_ROLE, pillarIdsByKey, statementsDuring, templatesByName, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

/** One user per role and a hiring manager of none of the positions. */
const ROLES: Record<string, Role[]> = { ...ONE_PER_ROLE, otherManager: ['hiring_manager'] };

const rubric = { strong_no: 'a', no: 'b', yes: 'c', strong_yes: 'd' };

interface RoundBody {
  id: string;
  title: string;
  pillarIds: string[];
  questionIds: string[];
  plannedQuestions: { questionId: string; version: number; pillarId: string }[];
}

describe('loops: creating loops, planning questions, reading them', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;
  let pillars: Record<string, string>;
  let templates: Record<string, { id: string; rounds: { pillarIds: string[]; questionCount: number; title: string }[] }>;
  let aiPosition: string;
  let mlPosition: string;

  const api = (user: keyof typeof ROLES) => as(testApp, team.users[user]!);
  const newCandidate = (name = 'Jordan Rivera'): Promise<string> => createCandidate(api('recruiter'), { name, phone: '555' });
  const newPillar = async (): Promise<string> =>
    (
      await api('admin')
        .post('/api/pillars')
        .send({ key: `p-${randomUUID().slice(0, 8)}`, name: 'Custom' })
        .expect(201)
    ).body.id;
  const newQuestion = async (pillarId: string, roles: string[] = []): Promise<string> =>
    (
      await api('admin')
        .post('/api/questions')
        .send({ pillarId, title: `Q ${randomUUID().slice(0, 6)}`, prompt: 'Explain.', rubric, difficulty: 2, roles })
        .expect(201)
    ).body.id;
  const newTemplate = async (rounds: { pillarIds: string[]; questionCount: number }[]): Promise<string> => (await createLoopTemplate(api('admin'), rounds)).id;
  const newLoop = (candidateId: string, templateId?: string, positionId = aiPosition) =>
    createLoop<{ id: string; rounds: RoundBody[]; [key: string]: unknown }>(api('recruiter'), { candidateId, positionId, templateId });

  beforeAll(async () => {
    testApp = await createTestApp();
    [team, other] = await Promise.all([createTeam(testApp, ROLES), createTeam(testApp, { admin: ['admin'] })]);
    pillars = await pillarIdsByKey(api('admin'));
    templates = await templatesByName(api('admin'));
    aiPosition = await createPosition(api('hiringManager'), { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior' });
    mlPosition = await createPosition(api('hiringManager'), { title: 'ML Engineer', roleFamily: 'ml_engineer', level: 'mid' });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('copies the template’s rounds and plans questions for each: its pillars, the position’s role, never twice', async () => {
    const template = templates['AI Engineer onsite']!;
    const candidateId = await newCandidate();
    const loop = await newLoop(candidateId, template.id);
    expect(loop).toMatchObject({ status: 'draft', candidateId, positionId: aiPosition, templateId: template.id, missingPillars: [] });
    expect(loop.coverage).toEqual({ foundations: 1, coding: 1, 'system-design': 2, behavioral: 1 });
    expect(loop.rounds.map((round) => round.title)).toEqual(template.rounds.map((round) => round.title));
    const all = loop.rounds.flatMap((round) => round.questionIds);
    expect(new Set(all).size).toBe(all.length);
    const questionRoles = new Map<string, string[]>();
    for (const [index, round] of loop.rounds.entries()) {
      expect(round.pillarIds).toEqual(template.rounds[index]!.pillarIds);
      expect(round.questionIds).toHaveLength(template.rounds[index]!.questionCount);
      for (const question of round.plannedQuestions) {
        expect(round.pillarIds).toContain(question.pillarId);
        expect(question.version).toBe(1);
        const detail = await api('admin').get(`/api/questions/${question.questionId}`).expect(200);
        questionRoles.set(question.questionId, detail.body.roles);
        expect(detail.body.stats.timesPlanned).toBeGreaterThanOrEqual(1);
        expect(detail.body.status).toBe('active');
      }
    }
    // An AI engineer gets no question tagged for ML engineers only.
    for (const roles of questionRoles.values()) expect(roles.length === 0 || roles.includes('ai_engineer')).toBe(true);
    expect(await auditActions(testApp, team.organization.id, loop.id)).toEqual(['loop.created']);
    const exposures: { count: number }[] = await testApp.dataSource.query(
      `SELECT count(*)::int AS count FROM question_exposures WHERE candidate_id = $1 AND loop_id = $2 AND kind = 'planned'`,
      [candidateId, loop.id],
    );
    expect(exposures[0]!.count).toBe(all.length);
  });

  it('never plans a question a candidate was already planned, in a second loop for them', async () => {
    const candidateId = await newCandidate();
    const first = await newLoop(candidateId, templates['AI Engineer onsite']!.id);
    const second = await newLoop(candidateId, templates['ML Engineer onsite']!.id, mlPosition);
    const firstIds = new Set(first.rounds.flatMap((round) => round.questionIds));
    const secondIds = second.rounds.flatMap((round) => round.questionIds);
    expect(secondIds.length).toBeGreaterThan(0);
    for (const id of secondIds) expect(firstIds.has(id)).toBe(false);
  });

  it('plans the least exposed questions first, never a retired one, and runs out rather than repeat', async () => {
    const pillarId = await newPillar();
    const [a, b, retired] = [await newQuestion(pillarId), await newQuestion(pillarId), await newQuestion(pillarId)];
    await api('admin').post(`/api/questions/${retired}/retire`).send({ reason: 'leaked' }).expect(200);
    const oneQuestion = await newTemplate([{ pillarIds: [pillarId], questionCount: 1 }]);
    const first = await newLoop(await newCandidate(), oneQuestion);
    const firstPick = first.rounds[0]!.questionIds;
    expect(firstPick).toHaveLength(1);
    expect([a, b]).toContain(firstPick[0]);
    // The other one has been planned less: a new candidate gets it.
    const second = await newLoop(await newCandidate(), oneQuestion);
    expect(second.rounds[0]!.questionIds).toEqual([firstPick[0] === a ? b : a]);
    // Two rounds of the same pillar asking for 2 each: 2 questions in all, none twice, the retired one never.
    const twoRounds = await newTemplate([
      { pillarIds: [pillarId], questionCount: 2 },
      { pillarIds: [pillarId], questionCount: 2 },
    ]);
    const third = await newLoop(await newCandidate(), twoRounds);
    expect(third.rounds[0]!.questionIds.sort()).toEqual([a, b].sort());
    expect(third.rounds[1]!.questionIds).toEqual([]);
  });

  it('makes a loop by hand without rounds: every pillar is missing', async () => {
    const loop = await newLoop(await newCandidate());
    expect(loop).toMatchObject({ status: 'draft', templateId: null, rounds: [] });
    expect(loop.coverage).toEqual({
      foundations: 0,
      coding: 0,
      'system-design': 0,
      behavioral: 0,
      ...Object.fromEntries(Object.keys(loop.coverage as object).map((key) => [key, 0])),
    });
    expect(loop.missingPillars).toEqual(expect.arrayContaining(['foundations', 'coding', 'system-design', 'behavioral']));
  });

  it('misses only the template’s uncovered pillars when there is a template', async () => {
    const templateId = await newTemplate([{ pillarIds: [pillars.coding!], questionCount: 0 }]);
    const loop = await newLoop(await newCandidate(), templateId);
    expect(loop.missingPillars).toEqual([]);
    expect((loop.coverage as Record<string, number>).coding).toBe(1);
  });

  it('refuses unknown or foreign ids with 400 naming the field, and writes nothing', async () => {
    const candidateId = await newCandidate();
    const foreignTemplate = (await as(testApp, other.users.admin).get('/api/loop-templates').expect(200)).body.items[0].id;
    const cases: [Record<string, unknown>, string][] = [
      [{ candidateId: randomUUID(), positionId: aiPosition }, 'candidateId'],
      [{ candidateId, positionId: randomUUID() }, 'positionId'],
      [{ candidateId, positionId: aiPosition, templateId: foreignTemplate }, 'templateId'],
      [{ candidateId, positionId: aiPosition, templateId: 'nope' }, 'templateId'],
      [{ candidateId, positionId: aiPosition, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const response = await api('admin').post('/api/loops').send(body).expect(400);
      expect(response.body.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
    const rows: unknown[] = await testApp.dataSource.query('SELECT 1 FROM loops WHERE candidate_id = $1', [candidateId]);
    expect(rows).toHaveLength(0);
  });

  it('lets admins, recruiters and the position’s hiring manager start loops; nobody else; never on a closed position', async () => {
    const candidateId = await newCandidate();
    await api('hiringManager').post('/api/loops').send({ candidateId, positionId: aiPosition }).expect(201);
    await api('admin').post('/api/loops').send({ candidateId, positionId: aiPosition }).expect(201);
    const forbidden = await api('otherManager').post('/api/loops').send({ candidateId, positionId: aiPosition }).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await api('interviewer').post('/api/loops').send({ candidateId, positionId: aiPosition }).expect(403);
    const closed = (await api('otherManager').post('/api/positions').send({ title: 'Closed', roleFamily: 'other', level: 'x' }).expect(201))
      .body.id;
    await api('otherManager').patch(`/api/positions/${closed}`).send({ status: 'closed' }).expect(200);
    const refused = await api('recruiter').post('/api/loops').send({ candidateId, positionId: closed }).expect(409);
    expect(refused.body.code).toBe('POSITION_CLOSED');
  });

  it('shows a loop to staff with the candidate’s data, to an interviewer on it with the name only, to nobody else', async () => {
    const loop = await newLoop(await newCandidate('Casey Candidate'), templates['ML Engineer onsite']!.id, mlPosition);
    const staff = await api('otherManager').get(`/api/loops/${loop.id}`).expect(200);
    expect(staff.body.candidate).toMatchObject({ name: 'Casey Candidate', email: expect.any(String), phone: '555' });
    await api('interviewer').get(`/api/loops/${loop.id}`).expect(404);
    await testApp.dataSource.query('UPDATE loop_rounds SET interviewer_id = $1 WHERE id = $2', [
      team.users.interviewer!.id,
      loop.rounds[1]!.id,
    ]);
    const mine = await api('interviewer').get(`/api/loops/${loop.id}`).expect(200);
    expect(mine.body.candidate).toEqual({ id: loop.candidateId, name: 'Casey Candidate' });
    expect(JSON.stringify(mine.body)).not.toContain('@example.test');
    expect(mine.body.rounds[1]).toMatchObject({
      interviewerId: team.users.interviewer!.id,
      interviewer: { id: team.users.interviewer!.id, name: 'Interviewer Tester' },
    });
    // Organization isolation.
    await as(testApp, other.users.admin).get(`/api/loops/${loop.id}`).expect(404);
    await api('admin').get(`/api/loops/${randomUUID()}`).expect(404);
    await api('interviewer').get('/api/loops').expect(403);
  });

  it('lists loops newest first, filtered by position, candidate and status, a page at a time', async () => {
    const candidateId = await newCandidate();
    const first = await newLoop(candidateId);
    const second = await newLoop(candidateId, undefined, mlPosition);
    const byCandidate = await api('hiringManager').get(`/api/loops?candidateId=${candidateId}`).expect(200);
    expect(byCandidate.body.items.map((item: { id: string }) => item.id)).toEqual([second.id, first.id]);
    expect(byCandidate.body.items[0]).toMatchObject({
      status: 'draft',
      candidate: { id: candidateId, name: 'Jordan Rivera' },
      position: { id: mlPosition, title: 'ML Engineer' },
      roundCount: 0,
    });
    const page = await api('hiringManager').get(`/api/loops?candidateId=${candidateId}&limit=1`).expect(200);
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([second.id]);
    const next = await api('hiringManager').get(`/api/loops?candidateId=${candidateId}&limit=1&cursor=${page.body.nextCursor}`).expect(200);
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: first.id })], nextCursor: null });
    const byPosition = await api('admin').get(`/api/loops?candidateId=${candidateId}&positionId=${aiPosition}&status=draft`).expect(200);
    expect(byPosition.body.items.map((item: { id: string }) => item.id)).toEqual([first.id]);
    expect((await api('admin').get(`/api/loops?candidateId=${candidateId}&status=scheduled`).expect(200)).body.items).toEqual([]);
    await api('admin').get('/api/loops?status=maybe').expect(400);
    const foreign = await as(testApp, other.users.admin).get('/api/loops?limit=200').expect(200);
    expect(foreign.body.items).toEqual([]);
  });

  it('reads a loop in two SQL statements besides auth, for 4 rounds as for 12, with its people and questions', async () => {
    const interviewer = team.users.interviewer!;
    const shadow = team.users.hiringManager!;
    const statementsFor = async (roundCount: number): Promise<string[]> => {
      const templateId = await newTemplate(
        Array.from({ length: roundCount }, (_, index) => ({ pillarIds: [Object.values(pillars)[index % 4]!], questionCount: 1 })),
      );
      const loop = await newLoop(await newCandidate(), templateId);
      expect(loop.rounds).toHaveLength(roundCount);
      // Every round with an interviewer and a shadow, as the benchmark's loops have them (set directly: no rules to satisfy here).
      await testApp.dataSource.query('UPDATE loop_rounds SET interviewer_id = $2 WHERE loop_id = $1', [loop.id, interviewer.id]);
      await testApp.dataSource.query(
        'INSERT INTO round_shadows (round_id, user_id, organization_id) SELECT id, $2, organization_id FROM loop_rounds WHERE loop_id = $1',
        [loop.id, shadow.id],
      );
      await api('admin').get(`/api/loops/${loop.id}`).expect(200); // a warm-up (token last-use stamp)
      const statements = await statementsDuring(async () => {
        const response = await api('admin').get(`/api/loops/${loop.id}`).expect(200);
        expect(response.body.rounds).toHaveLength(roundCount);
        for (const round of response.body.rounds as (RoundBody & { interviewer: unknown; shadowInterviewers: unknown })[]) {
          expect(round.plannedQuestions).toEqual([expect.objectContaining({ pillarId: round.pillarIds[0], title: expect.any(String) })]);
          expect(round.interviewer).toEqual({ id: interviewer.id, name: interviewer.name });
          expect(round.shadowInterviewers).toEqual([{ id: shadow.id, name: shadow.name }]);
        }
        expect(Object.keys(response.body.coverage as object)).toEqual(expect.arrayContaining(Object.keys(pillars)));
      });
      return statements.filter((sql) => !sql.startsWith(AUTH_SQL_TAG));
    };
    // The loop with its rounds; then the names and the catalog, in one statement of the owners' SQL expressions.
    expect(await statementsFor(4)).toHaveLength(2);
    expect(await statementsFor(12)).toHaveLength(2);
  });

  it('keeps a pillar that a loop’s rounds assess from being deleted, until no round does', async () => {
    const [pillarId, otherPillarId] = [await newPillar(), await newPillar()];
    const templateId = await newTemplate([
      { pillarIds: [pillarId], questionCount: 0 },
      { pillarIds: [pillarId, otherPillarId], questionCount: 0 },
    ]);
    const loop = await newLoop(await newCandidate(), templateId);
    const refused = await api('admin').delete(`/api/pillars/${pillarId}`).expect(409);
    expect(refused.body).toMatchObject({ code: 'PILLAR_IN_USE', details: { usedBy: ['loop rounds'] } });

    // The first round moves to the other pillar, the second is removed: nothing assesses the first pillar any more.
    const [first, second] = loop.rounds;
    await api('recruiter').patch(`/api/loops/${loop.id}/rounds/${first!.id}`).send({ pillarIds: [otherPillarId] }).expect(200);
    expect((await api('admin').delete(`/api/pillars/${pillarId}`).expect(409)).body.details.usedBy).toEqual(['loop rounds']);
    await api('recruiter').delete(`/api/loops/${loop.id}/rounds/${second!.id}`).expect(200);
    await api('admin').delete(`/api/pillars/${pillarId}`).expect(204);
    expect((await api('admin').delete(`/api/pillars/${otherPillarId}`).expect(409)).body.details.usedBy).toEqual(['loop rounds']);
  });

  it('plans disjoint questions for two loops of one candidate started at the same time', async () => {
    const candidateId = await newCandidate();
    const templateId = templates['AI Engineer onsite']!.id;
    const [first, second] = await Promise.all([
      api('recruiter').post('/api/loops').send({ candidateId, positionId: aiPosition, templateId }).expect(201),
      api('admin').post('/api/loops').send({ candidateId, positionId: mlPosition, templateId }).expect(201),
    ]);
    const firstIds = new Set((first.body.rounds as RoundBody[]).flatMap((round) => round.questionIds));
    const secondIds = (second.body.rounds as RoundBody[]).flatMap((round) => round.questionIds);
    expect(firstIds.size).toBeGreaterThan(0);
    expect(secondIds.filter((id) => firstIds.has(id))).toEqual([]);
  });

  it('plans for an ML engineer no question tagged for AI engineers only', async () => {
    const loop = await newLoop(await newCandidate(), templates['ML Engineer onsite']!.id, mlPosition);
    for (const id of loop.rounds.flatMap((round) => round.questionIds)) {
      const detail = await api('admin').get(`/api/questions/${id}`).expect(200);
      expect(detail.body.roles.length === 0 || detail.body.roles.includes('ml_engineer')).toBe(true);
    }
  });
});

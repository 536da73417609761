import { AUTH_SQL_TAG } from '@loopwright/database';
import type { Role } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { as, createCandidateLoop, createLoopTemplate, createPosition, patchRound, qualify, statementsDuring, teamSuite, timeSlot } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const ROLES: Record<string, Role[]> = {
  admin: ['admin'],
  recruiter: ['recruiter'],
  interviewer: ['interviewer'],
  interviewer2: ['interviewer'],
  trainee: ['interviewer'],
};

const future = (days: number, hour: number) => timeSlot(Date.UTC(2031, 5, 2), days, hour);
const past = (days: number, hour: number) => timeSlot(Date.UTC(2024, 1, 5), days, hour);

interface LoopBody {
  id: string;
  candidateId: string;
  rounds: { id: string; questionIds: string[]; plannedQuestions: { questionId: string; version: number }[] }[];
}

describe('loops: interview kits and my assignments', () => {
  const suite = teamSuite(ROLES, { other: { admin: ['admin'] } });
  const { api, user } = suite;
  let loop: LoopBody;
  let pastLoop: LoopBody;
  let soonLoop: LoopBody;

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('interviewer'), user('interviewer2')]);
    await qualify(api('admin'), suite.pillars, [user('trainee')], 'shadow');
    const hm = await api('admin')
      .post('/api/users')
      .send({ email: `hm.${randomUUID().slice(0, 6)}@example.test`, name: 'Hiring Manager', roles: ['hiring_manager'] })
      .expect(201);
    const positionId = await createPosition(api('admin'), { title: 'Staff AI Engineer', roleFamily: 'ai_engineer', level: 'staff', hiringManagerId: hm.body.id });
    const templateId = (
      await createLoopTemplate(
        api('admin'),
        [
          { title: 'Foundations', pillarIds: [suite.pillars.foundations], questionCount: 2 },
          { title: 'Coding', pillarIds: [suite.pillars.coding], questionCount: 1 },
        ],
        'Two rounds',
      )
    ).id;
    const newLoop = () => createCandidateLoop<LoopBody>(api('recruiter'), { name: 'Alex Kim', phone: '555-0199' }, { positionId, templateId });
    [loop, pastLoop, soonLoop] = [await newLoop(), await newLoop(), await newLoop()];
    const patch = (target: LoopBody, index: number, body: Record<string, unknown>) => patchRound(api('recruiter'), target, index, body).expect(200);
    await patch(loop, 0, { interviewerId: user('interviewer'), shadowInterviewerIds: [user('trainee')], ...future(3, 9) });
    await patch(loop, 1, { interviewerId: user('interviewer2'), ...future(3, 11) });
    await patch(pastLoop, 1, { interviewerId: user('interviewer'), ...past(0, 9) });
    await patch(soonLoop, 1, { interviewerId: user('interviewer'), ...future(1, 9) });
  });

  it('gives the interviewer the kit of their round: pillars, questions with prompt, rubric and follow-ups, the candidate’s name only', async () => {
    const response = await api('interviewer').get(`/api/rounds/${loop.rounds[0]!.id}/kit`).expect(200);
    expect(response.body).toMatchObject({
      round: {
        id: loop.rounds[0]!.id,
        loopId: loop.id,
        title: 'Foundations',
        interviewerId: user('interviewer'),
        shadowInterviewerIds: [user('trainee')],
        ...future(3, 9),
      },
      shadow: false,
      candidate: { id: loop.candidateId, name: 'Alex Kim' },
      position: { title: 'Staff AI Engineer', roleFamily: 'ai_engineer', level: 'staff' },
      pillars: [{ id: suite.pillars.foundations, key: 'foundations' }],
    });
    expect(Object.keys(response.body.candidate).sort()).toEqual(['id', 'name']);
    expect(JSON.stringify(response.body)).not.toMatch(/example\.test|555-0199/);
    expect(response.body.questions.map((question: { questionId: string }) => question.questionId)).toEqual(loop.rounds[0]!.questionIds);
    for (const question of response.body.questions) {
      expect(question).toMatchObject({
        version: 1,
        pillarId: suite.pillars.foundations,
        prompt: expect.any(String),
        followUps: expect.any(Array),
      });
      expect(Object.keys(question.rubric).sort()).toEqual(['no', 'strong_no', 'strong_yes', 'yes']);
    }
    // Nothing from the loop's other round.
    for (const id of loop.rounds[1]!.questionIds) expect(JSON.stringify(response.body)).not.toContain(id);
  });

  it('keeps the kit at the version planned when the question changes later', async () => {
    const questionId = loop.rounds[0]!.questionIds[0]!;
    const before = await api('interviewer').get(`/api/rounds/${loop.rounds[0]!.id}/kit`).expect(200);
    const planned = before.body.questions.find((question: { questionId: string }) => question.questionId === questionId);
    await api('admin').patch(`/api/questions/${questionId}`).send({ prompt: 'A rewritten prompt' }).expect(200);
    const after = await api('interviewer').get(`/api/rounds/${loop.rounds[0]!.id}/kit`).expect(200);
    expect(after.body.questions.find((question: { questionId: string }) => question.questionId === questionId)).toEqual(planned);
  });

  it('gives the kit to shadows and staff, and 404 to everyone else', async () => {
    const url = `/api/rounds/${loop.rounds[0]!.id}/kit`;
    expect((await api('trainee').get(url).expect(200)).body.shadow).toBe(true);
    await api('recruiter').get(url).expect(200);
    await api('interviewer2').get(url).expect(404); // on the loop, not on this round
    await as(suite.testApp, suite.other.users.admin!).get(url).expect(404);
    await api('interviewer').get(`/api/rounds/${randomUUID()}/kit`).expect(404);
    await api('interviewer').get('/api/rounds/nope/kit').expect(400);
  });

  it('lists my rounds, upcoming first (soonest first) then past ones, shadows marked, candidate name only', async () => {
    const mine = await api('interviewer').get('/api/me/assignments').expect(200);
    expect(mine.body.items.map((item: { roundId: string }) => item.roundId)).toEqual([
      soonLoop.rounds[1]!.id,
      loop.rounds[0]!.id,
      pastLoop.rounds[1]!.id,
    ]);
    expect(mine.body.items[1]).toMatchObject({
      loopId: loop.id,
      title: 'Foundations',
      ...future(3, 9),
      candidate: { id: loop.candidateId, name: 'Alex Kim' },
      position: { title: 'Staff AI Engineer' },
      pillars: [{ id: suite.pillars.foundations, key: 'foundations' }],
      shadow: false,
      scorecardStatus: 'not_started',
      upcoming: true,
    });
    expect(mine.body.items[2]).toMatchObject({ upcoming: false, loopStatus: 'draft' });
    expect(JSON.stringify(mine.body)).not.toMatch(/example\.test|555-0199/);
    const shadowing = await api('trainee').get('/api/me/assignments').expect(200);
    expect(shadowing.body.items).toEqual([expect.objectContaining({ roundId: loop.rounds[0]!.id, shadow: true })]);
    // Page by page, the same order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { roundId: string }[]; nextCursor: string | null } } = await api('interviewer')
        .get(`/api/me/assignments?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...page.body.items.map((item) => item.roundId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(mine.body.items.map((item: { roundId: string }) => item.roundId));
    await api('admin').get('/api/me/assignments').expect(403);
    expect((await as(suite.testApp, suite.other.users.admin!).get('/api/me/assignments').expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('lists my assignments with their pillars in one SQL statement besides auth, on the first page and after a cursor', async () => {
    await api('interviewer').get('/api/me/assignments').expect(200); // a warm-up (token last-use stamp)
    const pillarsOf = { Foundations: [suite.pillars.foundations], Coding: [suite.pillars.coding] } as Record<string, string[]>;
    const statementsFor = async (url: string, count: number): Promise<string[]> => {
      const statements = await statementsDuring(async () => {
        const response = await api('interviewer').get(url).expect(200);
        expect(response.body.items).toHaveLength(count);
        for (const item of response.body.items as { title: string; pillars: { id: string; key: string; name: string }[] }[]) {
          expect(item.pillars).toEqual(pillarsOf[item.title]!.map((id) => ({ id, key: expect.any(String), name: expect.any(String) })));
        }
      });
      return statements.filter((sql) => !sql.startsWith(AUTH_SQL_TAG));
    };
    // The rounds of the page with each one's pillars (the question bank's pillarsSql), in one statement.
    expect(await statementsFor('/api/me/assignments', 3)).toHaveLength(1);
    const first = await api('interviewer').get('/api/me/assignments?limit=1').expect(200);
    expect(await statementsFor(`/api/me/assignments?limit=2&cursor=${first.body.nextCursor}`, 2)).toHaveLength(1);
  });

  it('shows the scorecard status the scorecards feature sets, the interviewer’s and each shadow’s apart', async () => {
    const loops = suite.testApp.app.get(LoopsService);
    await suite.testApp.dataSource.transaction(async (manager) => {
      await loops.setScorecardStatus(manager, suite.team.organization.id, loop.rounds[0]!.id, 'draft');
      await loops.setScorecardStatus(manager, suite.team.organization.id, loop.rounds[0]!.id, 'submitted', user('trainee'));
    });
    const detail = await api('admin').get(`/api/loops/${loop.id}`).expect(200);
    expect(detail.body.rounds[0].scorecardStatus).toBe('draft');
    const mine = await api('interviewer').get('/api/me/assignments').expect(200);
    expect(mine.body.items.find((item: { roundId: string }) => item.roundId === loop.rounds[0]!.id).scorecardStatus).toBe('draft');
    const shadowing = await api('trainee').get('/api/me/assignments').expect(200);
    expect(shadowing.body.items[0].scorecardStatus).toBe('submitted');
    await expect(
      suite.testApp.dataSource.transaction((manager) => loops.setScorecardStatus(manager, suite.other.organization.id, loop.rounds[0]!.id, 'draft')),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const context = await loops.roundContext(suite.testApp.dataSource.manager, suite.team.organization.id, loop.rounds[0]!.id);
    expect(context).toMatchObject({
      id: loop.rounds[0]!.id,
      loop_id: loop.id,
      interviewer_id: user('interviewer'),
      candidate_id: loop.candidateId,
    });
    expect(await loops.roundContext(suite.testApp.dataSource.manager, suite.other.organization.id, loop.rounds[0]!.id)).toBeNull();
  });
});

import { systemActor, type Role } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { as, auditActions, createCandidateLoop, createLoopTemplate, createPosition, patchRound, qualify, teamSuite, timeSlot } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const ROLES: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager', 'interviewer'],
  otherManager: ['hiring_manager'],
  recruiter: ['recruiter'],
  interviewer: ['interviewer'],
  interviewer2: ['interviewer'],
  trainee: ['interviewer'],
};

/** Monday 2030-01-07, 00:00 UTC: every test takes its own days after it, so that calendars never collide between tests. */
const BASE = Date.UTC(2030, 0, 7);
const slot = (day: number, hour: number, minutes = 60) => timeSlot(BASE, day, hour, minutes);

interface LoopBody {
  id: string;
  candidateId: string;
  status: string;
  rounds: {
    id: string;
    position: number;
    title: string;
    pillarIds: string[];
    questionIds: string[];
    plannedQuestions: { questionId: string; version: number }[];
    interviewerId: string | null;
    shadowInterviewerIds: string[];
    startsAt: string | null;
    endsAt: string | null;
  }[];
}

describe('loops: rounds, scheduling and the assignment rules', () => {
  const suite = teamSuite(ROLES, { other: { admin: ['admin'] } });
  const { api, user } = suite;
  let templateId: string;
  let positionId: string;

  const newLoop = (): Promise<LoopBody> => createCandidateLoop<LoopBody>(api('recruiter'), { name: 'Sam Patel' }, { positionId, templateId });
  const patch = (loop: LoopBody, index: number, body: Record<string, unknown>, as = 'recruiter') => patchRound(api(as), loop, index, body);
  // The trainee may shadow every pillar and is qualified on none but coding.
  const traineeQualifications = () => Object.entries(suite.pillars).map(([key, pillarId]) => ({ pillarId, level: key === 'coding' ? 'qualified' : 'shadow' }));
  /** `key` declares a conflict of interest with the loop's candidate. */
  const declareConflict = (key: string, loop: LoopBody, reason: string) =>
    api(key).post(`/api/candidates/${loop.candidateId}/conflicts`).send({ userId: user(key), reason }).expect(201);
  /** A new interviewer qualified on every pillar, with a weekly interview limit; their id. */
  const limitedInterviewer = async (name: string, weeklyInterviewLimit: number): Promise<string> => {
    const email = `limited.${randomUUID().slice(0, 6)}@example.test`;
    const created = await api('admin').post('/api/users').send({ email, name, roles: ['interviewer'], weeklyInterviewLimit }).expect(201);
    await qualify(api('admin'), suite.pillars, [created.body.id]);
    return created.body.id;
  };

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('hiringManager'), user('interviewer'), user('interviewer2')]);
    await api('admin').put(`/api/users/${user('trainee')}/qualifications`).send(traineeQualifications()).expect(200);
    templateId = (
      await createLoopTemplate(
        api('admin'),
        [
          { title: 'Foundations', pillarIds: [suite.pillars.foundations], questionCount: 1 },
          { title: 'Coding', pillarIds: [suite.pillars.coding], questionCount: 1 },
          { title: 'Design and behavior', pillarIds: [suite.pillars['system-design'], suite.pillars.behavioral], questionCount: 2 },
        ],
        'Three rounds',
      )
    ).id;
    positionId = await createPosition(api('hiringManager'), { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior' });
  });

  it('schedules and assigns rounds; the loop becomes scheduled when every round is, in_review once one has ended', async () => {
    const loop = await newLoop();
    const response = await patch(loop, 0, { interviewerId: user('interviewer'), ...slot(0, 9) }).expect(200);
    expect(response.body.status).toBe('draft');
    expect(response.body.rounds[0]).toMatchObject({
      interviewerId: user('interviewer'),
      ...slot(0, 9),
      interviewer: { id: user('interviewer') },
    });
    await patch(loop, 1, { interviewerId: user('interviewer2'), ...slot(0, 10) }).expect(200);
    const scheduled = await patch(
      loop,
      2,
      { interviewerId: user('hiringManager'), startsAt: slot(0, 11).startsAt },
      'hiringManager',
    ).expect(200);
    expect(scheduled.body.status).toBe('scheduled');
    // A start alone takes the round's planned duration.
    expect(scheduled.body.rounds[2]).toMatchObject(slot(0, 11));
    expect(await auditActions(suite.testApp, suite.team.organization.id, loop.rounds[0]!.id)).toEqual(['loop.round_updated']);
    expect((await auditActions(suite.testApp, suite.team.organization.id, loop.id))[0]).toBe('loop.status_changed');
    // Unassigning takes it back to draft.
    expect((await patch(loop, 2, { interviewerId: null }).expect(200)).body.status).toBe('draft');
    // Rounds recorded after the fact: a loop whose rounds have ended reads as in_review.
    const past = await newLoop();
    await patch(past, 0, {
      interviewerId: user('interviewer'),
      startsAt: '2024-05-06T09:00:00.000Z',
      endsAt: '2024-05-06T10:00:00.000Z',
    }).expect(200);
    await patch(past, 1, {
      interviewerId: user('interviewer2'),
      startsAt: '2024-05-06T10:00:00.000Z',
      endsAt: '2024-05-06T11:00:00.000Z',
    }).expect(200);
    const done = await patch(past, 2, {
      interviewerId: user('hiringManager'),
      startsAt: '2024-05-06T11:00:00.000Z',
      endsAt: '2024-05-06T12:00:00.000Z',
    }).expect(200);
    expect(done.body.status).toBe('in_review');
    const listed = await api('admin').get(`/api/loops?status=in_review&positionId=${positionId}`).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(past.id);
  });

  it('INTERVIEWER_NOT_QUALIFIED: no interviewer role, inactive, or not qualified on every pillar; 400 for a user of no concern', async () => {
    const loop = await newLoop();
    const times = slot(1, 9);
    const expectCode = async (body: Record<string, unknown>, code: string): Promise<void> => {
      const response = await patch(loop, 2, { ...times, ...body }).expect(409);
      expect(response.body.code).toBe(code);
    };
    await expectCode({ interviewerId: user('trainee') }, 'INTERVIEWER_NOT_QUALIFIED'); // shadow level on design and behavior
    await expectCode({ interviewerId: user('recruiter') }, 'INTERVIEWER_NOT_QUALIFIED'); // no interviewer role
    await patch(loop, 1, { interviewerId: user('trainee'), ...times }).expect(200); // qualified on coding
    for (const interviewerId of [suite.other.users.admin!.id, randomUUID()]) {
      const response = await patch(loop, 2, { ...times, interviewerId }).expect(400);
      expect(response.body.details.fields[0].field).toBe('interviewerId');
    }
    // Changing the round's pillars re-checks the interviewer.
    const refused = await patch(loop, 1, { pillarIds: [suite.pillars.coding, suite.pillars.foundations] }).expect(409);
    expect(refused.body.code).toBe('INTERVIEWER_NOT_QUALIFIED');
    const spare = await api('admin')
      .post('/api/users')
      .send({ email: `spare.${randomUUID().slice(0, 6)}@example.test`, name: 'Spare', roles: ['interviewer'] })
      .expect(201);
    await api('admin')
      .put(`/api/users/${spare.body.id}/qualifications`)
      .send([{ pillarId: suite.pillars.foundations, level: 'qualified' }])
      .expect(200);
    await api('admin').patch(`/api/users/${spare.body.id}`).send({ active: false }).expect(200);
    const inactive = await patch(loop, 0, { ...times, interviewerId: spare.body.id }).expect(409);
    expect(inactive.body.code).toBe('INTERVIEWER_NOT_QUALIFIED');
  });

  it('INTERVIEWER_DOUBLE_BOOKED across loops; back-to-back rounds are fine', async () => {
    const [first, second] = [await newLoop(), await newLoop()];
    await patch(first, 0, { interviewerId: user('interviewer'), ...slot(2, 10) }).expect(200);
    const overlap = await patch(second, 0, { interviewerId: user('interviewer'), ...slot(2, 10.5) }).expect(409);
    expect(overlap.body).toMatchObject({ statusCode: 409, code: 'INTERVIEWER_DOUBLE_BOOKED' });
    await patch(second, 0, { interviewerId: user('interviewer'), ...slot(2, 11) }).expect(200);
    // Moving an assigned round onto another of the interviewer's is refused too.
    const moved = await patch(second, 0, slot(2, 9.5)).expect(409);
    expect(moved.body.code).toBe('INTERVIEWER_DOUBLE_BOOKED');
    expect((await api('admin').get(`/api/loops/${second.id}`).expect(200)).body.rounds[0]).toMatchObject(slot(2, 11));
  });

  it('lets exactly one of two concurrent overlapping assignments win', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [first, second] = [await newLoop(), await newLoop()];
      const results = await Promise.all([
        patch(first, 0, { interviewerId: user('interviewer2'), ...slot(3 + attempt, 9) }),
        patch(second, 0, { interviewerId: user('interviewer2'), ...slot(3 + attempt, 9.5) }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
      expect(results.find((result) => result.status === 409)!.body.code).toBe('INTERVIEWER_DOUBLE_BOOKED');
    }
  });

  it('refuses an overlap in the database itself (exclusion constraint), whatever the code does', async () => {
    const [first, second] = [await newLoop(), await newLoop()];
    await patch(first, 0, { interviewerId: user('interviewer2'), ...slot(8, 9) }).expect(200);
    const times = slot(8, 9.25);
    await expect(
      suite.testApp.dataSource.query('UPDATE loop_rounds SET interviewer_id = $1, starts_at = $2, ends_at = $3 WHERE id = $4', [
        user('interviewer2'),
        times.startsAt,
        times.endsAt,
        second.rounds[0]!.id,
      ]),
    ).rejects.toMatchObject({ driverError: { code: '23P01', constraint: 'loop_rounds_interviewer_no_overlap' } });
  });

  it('INTERVIEWER_ALREADY_IN_LOOP: one round of a loop per interviewer (a shadow on another round counts)', async () => {
    const loop = await newLoop();
    await patch(loop, 0, { interviewerId: user('interviewer'), ...slot(9, 9) }).expect(200);
    const again = await patch(loop, 1, { interviewerId: user('interviewer'), ...slot(9, 11) }).expect(409);
    expect(again.body.code).toBe('INTERVIEWER_ALREADY_IN_LOOP');
    await patch(loop, 1, { shadowInterviewerIds: [user('interviewer2')], ...slot(9, 11) }).expect(200);
    const shadowing = await patch(loop, 2, { interviewerId: user('interviewer2'), ...slot(9, 13) }).expect(409);
    expect(shadowing.body.code).toBe('INTERVIEWER_ALREADY_IN_LOOP');
    // The other way round: the interviewer of a round does not shadow another round of the loop.
    const doubleRole = await patch(loop, 2, { shadowInterviewerIds: [user('interviewer')] }).expect(409);
    expect(doubleRole.body).toMatchObject({ code: 'INTERVIEWER_ALREADY_IN_LOOP', details: { shadowInterviewerId: user('interviewer') } });
  });

  it('INTERVIEWER_OVER_LIMIT: the weekly limit counts the ISO week of the round', async () => {
    const spare = await limitedInterviewer('Limited', 1);
    const [first, second] = [await newLoop(), await newLoop()];
    await patch(first, 0, { interviewerId: spare, ...slot(14, 9) }).expect(200); // a Monday
    const sunday = await patch(second, 0, { interviewerId: spare, ...slot(20, 9) }).expect(409); // the Sunday of that week
    expect(sunday.body.code).toBe('INTERVIEWER_OVER_LIMIT');
    await patch(second, 0, { interviewerId: spare, ...slot(21, 9) }).expect(200); // the next Monday
    // Moving the first round into the second's week is refused the same way.
    expect((await patch(first, 0, slot(22, 9)).expect(409)).body.code).toBe('INTERVIEWER_OVER_LIMIT');
  });

  it('INTERVIEWER_CONFLICT: a declared conflict of interest blocks the interviewer and shadows', async () => {
    const loop = await newLoop();
    await declareConflict('interviewer', loop, 'Former colleague');
    const refused = await patch(loop, 0, { interviewerId: user('interviewer'), ...slot(23, 9) }).expect(409);
    expect(refused.body.code).toBe('INTERVIEWER_CONFLICT');
    const shadow = await patch(loop, 0, {
      interviewerId: user('interviewer2'),
      shadowInterviewerIds: [user('interviewer')],
      ...slot(23, 9),
    }).expect(409);
    expect(shadow.body.code).toBe('INTERVIEWER_CONFLICT');
  });

  it('takes shadows with shadow or qualified level on every pillar of the round', async () => {
    const loop = await newLoop();
    const ok = await patch(loop, 2, { interviewerId: user('interviewer'), shadowInterviewerIds: [user('trainee')], ...slot(24, 9) }).expect(
      200,
    );
    expect(ok.body.rounds[2].shadowInterviewerIds).toEqual([user('trainee')]);
    await api('admin')
      .put(`/api/users/${user('trainee')}/qualifications`)
      .send([{ pillarId: suite.pillars.coding, level: 'qualified' }])
      .expect(200);
    try {
      const refused = await patch(loop, 0, { shadowInterviewerIds: [user('trainee')] }).expect(409);
      expect(refused.body).toMatchObject({ code: 'INTERVIEWER_NOT_QUALIFIED', details: { shadowInterviewerId: user('trainee') } });
      const self = await patch(loop, 2, { shadowInterviewerIds: [user('interviewer')] }).expect(400);
      expect(self.body.details.fields[0].field).toBe('shadowInterviewerIds');
      await patch(loop, 2, { shadowInterviewerIds: [suite.other.users.admin!.id] }).expect(400);
      await patch(loop, 2, { shadowInterviewerIds: [] }).expect(200);
    } finally {
      await api('admin').put(`/api/users/${user('trainee')}/qualifications`).send(traineeQualifications()).expect(200);
    }
  });

  it('refuses bad input with 400 naming the field and changes nothing', async () => {
    const loop = await newLoop();
    const otherPillar = ((await as(suite.testApp, suite.other.users.admin!).get('/api/pillars').expect(200)).body as { id: string }[])[0]!.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ startsAt: slot(30, 10).startsAt, endsAt: slot(30, 10).startsAt }, 'endsAt'],
      [{ startsAt: slot(30, 10).startsAt, endsAt: slot(30, 9).startsAt }, 'endsAt'],
      [{ ...slot(30, 9, 8 * 60 + 1) }, 'endsAt'],
      [{ startsAt: 'tomorrow' }, 'startsAt'],
      [{ endsAt: slot(30, 10).endsAt }, 'startsAt'],
      [{ pillarIds: [otherPillar] }, 'pillarIds'],
      [{ pillarIds: [] }, 'pillarIds'],
      [{ questionIds: [randomUUID()] }, 'questionIds.0'],
      [{ questionIds: loop.rounds[1]!.questionIds }, 'questionIds.0'],
      [{ interviewerId: 'someone' }, 'interviewerId'],
      [{ position: 3 }, 'position'],
    ];
    for (const [body, field] of cases) {
      const response = await patch(loop, 0, { interviewerId: user('interviewer'), ...body }).expect(400);
      expect(response.body.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
    const after = await api('admin').get(`/api/loops/${loop.id}`).expect(200);
    expect(after.body.rounds).toEqual(
      loop.rounds.map((round) =>
        expect.objectContaining({ id: round.id, interviewerId: null, startsAt: null, questionIds: round.questionIds }),
      ),
    );
    expect(await auditActions(suite.testApp, suite.team.organization.id, loop.rounds[0]!.id)).toEqual([]);
    // An 8-hour round is fine.
    await patch(loop, 0, { ...slot(30, 9, 8 * 60) }).expect(200);
  });

  it('replaces the planned questions: questions of the round’s pillars, not in another round, never retired or already seen', async () => {
    const loop = await newLoop();
    const page = await api('admin').get(`/api/questions?pillar=foundations&limit=200`).expect(200);
    const planned = new Set(loop.rounds.flatMap((round) => round.questionIds));
    const fresh = (page.body.items as { id: string; roles: string[] }[]).filter((item) => !planned.has(item.id)).map((item) => item.id);
    const kept = loop.rounds[0]!.questionIds[0]!;
    const response = await patch(loop, 0, { questionIds: [fresh[0], kept] }).expect(200);
    expect(response.body.rounds[0].questionIds).toEqual([fresh[0], kept]);
    const detail = await api('admin').get(`/api/questions/${fresh[0]}`).expect(200);
    expect(detail.body.stats.timesPlanned).toBeGreaterThanOrEqual(1);
    // A coding question does not belong in the foundations round; a retired one is never planned.
    const wrongPillar = await patch(loop, 0, { questionIds: [loop.rounds[1]!.questionIds[0]] }).expect(400);
    expect(wrongPillar.body.details.fields[0].problems[0]).toMatch(/another round/);
    await api('admin').post(`/api/questions/${fresh[1]}/retire`).send({ reason: 'leaked' }).expect(200);
    const retired = await patch(loop, 0, { questionIds: [fresh[1]] }).expect(400);
    expect(retired.body.details.fields[0].problems[0]).toMatch(/retired/);
    // A second loop of the same candidate cannot reuse a question planned in the first.
    const candidateId = (await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.candidateId;
    const second = (await api('recruiter').post('/api/loops').send({ candidateId, positionId }).expect(201)).body;
    const added = await api('recruiter')
      .post(`/api/loops/${second.id}/rounds`)
      .send({ title: 'Extra', pillarIds: [suite.pillars.foundations], questionIds: [fresh[0]] })
      .expect(400);
    expect(added.body.details.fields[0].field).toBe('questionIds.0');
  });

  it('adds rounds (planning questions) and removes them, renumbering; a round with a scorecard stays', async () => {
    const loop = await newLoop();
    const added = await api('hiringManager')
      .post(`/api/loops/${loop.id}/rounds`)
      .send({ title: 'Extra coding', pillarIds: [suite.pillars.coding], interviewerId: user('interviewer2'), ...slot(31, 9) })
      .expect(201);
    const round = added.body.rounds[3];
    expect(round).toMatchObject({ position: 3, title: 'Extra coding', interviewerId: user('interviewer2'), ...slot(31, 9) });
    expect(round.questionIds).toHaveLength(2);
    const none = await api('recruiter')
      .post(`/api/loops/${loop.id}/rounds`)
      .send({ title: 'Chat', pillarIds: [suite.pillars.behavioral], questionCount: 0 })
      .expect(201);
    expect(none.body.rounds[4].questionIds).toEqual([]);
    await api('recruiter')
      .post(`/api/loops/${loop.id}/rounds`)
      .send({ title: 'Bad', pillarIds: [suite.pillars.coding], questionCount: 11 })
      .expect(400);
    for (const [body, field] of [
      [{ pillarIds: [suite.pillars.coding] }, 'title'],
      [{ title: 'No pillars' }, 'pillarIds'],
      [{ title: 'Foreign', pillarIds: [randomUUID()] }, 'pillarIds'],
      [{ title: 'Long', pillarIds: [suite.pillars.coding], ...slot(31, 12, 481) }, 'endsAt'],
    ] as const) {
      const response = await api('recruiter').post(`/api/loops/${loop.id}/rounds`).send(body).expect(400);
      expect(response.body.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
    const otherLoop = await newLoop();
    const busy = await api('recruiter')
      .post(`/api/loops/${otherLoop.id}/rounds`)
      .send({ title: 'Busy', pillarIds: [suite.pillars.coding], interviewerId: user('interviewer2'), ...slot(31, 9) })
      .expect(409);
    expect(busy.body.code).toBe('INTERVIEWER_DOUBLE_BOOKED');
    expect((await api('admin').get(`/api/loops/${otherLoop.id}`).expect(200)).body.rounds).toHaveLength(3);
    expect((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.rounds).toHaveLength(5);

    const removed = await api('recruiter').delete(`/api/loops/${loop.id}/rounds/${loop.rounds[1]!.id}`).expect(200);
    // 200 with the loop, as the other round routes answer.
    expect(removed.body).toMatchObject({ id: loop.id, rounds: expect.any(Array) });
    expect(removed.body.rounds.map((item: { id: string }) => item.id)).not.toContain(loop.rounds[1]!.id);
    const after = await api('admin').get(`/api/loops/${loop.id}`).expect(200);
    expect(removed.body.rounds).toEqual(after.body.rounds);
    expect(after.body.rounds.map((item: { position: number; title: string }) => [item.position, item.title])).toEqual([
      [0, 'Foundations'],
      [1, 'Design and behavior'],
      [2, 'Extra coding'],
      [3, 'Chat'],
    ]);
    expect(await auditActions(suite.testApp, suite.team.organization.id, loop.rounds[1]!.id)).toEqual(['loop.round_removed']);
    await suite.testApp.dataSource.query(`UPDATE loop_rounds SET scorecard_status = 'submitted' WHERE id = $1`, [round.id]);
    const kept = await api('recruiter').delete(`/api/loops/${loop.id}/rounds/${round.id}`).expect(409);
    expect(kept.body.code).toBe('ROUND_HAS_SCORECARD');
    await api('recruiter').delete(`/api/loops/${loop.id}/rounds/${randomUUID()}`).expect(404);
  });

  it('lets only admins, recruiters and the position’s hiring manager change rounds; other organizations get 404', async () => {
    const loop = await newLoop();
    const forbidden = await patch(loop, 0, { title: 'Mine' }, 'otherManager').expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await patch(loop, 0, { title: 'Mine' }, 'interviewer').expect(403);
    await api('otherManager')
      .post(`/api/loops/${loop.id}/rounds`)
      .send({ title: 'X', pillarIds: [suite.pillars.coding] })
      .expect(403);
    await api('otherManager').delete(`/api/loops/${loop.id}/rounds/${loop.rounds[0]!.id}`).expect(403);
    await api('otherManager')
      .get(`/api/loops/${loop.id}/rounds/${loop.rounds[0]!.id}/interviewer-suggestions?${new URLSearchParams(slot(32, 9))}`)
      .expect(403);
    await as(suite.testApp, suite.other.users.admin!).patch(`/api/loops/${loop.id}/rounds/${loop.rounds[0]!.id}`).send({ title: 'Mine' }).expect(404);
    const another = await newLoop();
    await api('admin').patch(`/api/loops/${loop.id}/rounds/${another.rounds[0]!.id}`).send({ title: 'Mine' }).expect(404);
    expect((await patch(loop, 0, { title: 'Renamed' }, 'admin').expect(200)).body.rounds[0].title).toBe('Renamed');
  });

  it('suggests qualified, free interviewers without conflicts, least loaded that week first, and says why others are left out', async () => {
    const [busyLoop, loadLoop, loop] = [await newLoop(), await newLoop(), await newLoop()];
    await patch(busyLoop, 0, { interviewerId: user('interviewer'), ...slot(35, 9) }).expect(200); // busy at the slot
    await patch(loadLoop, 0, { interviewerId: user('interviewer2'), ...slot(36, 9) }).expect(200); // one interview that week
    await patch(loop, 2, slot(35, 9)).expect(200);
    const url = `/api/loops/${loop.id}/rounds/${loop.rounds[2]!.id}/interviewer-suggestions`;
    const response = await api('recruiter').get(url).expect(200);
    expect(response.body).toMatchObject({ roundId: loop.rounds[2]!.id, ...slot(35, 9) });
    // Users made by other tests of this file are left out of the comparison.
    const teamIds = new Set(Object.values(suite.team.users).map((member) => member.id));
    expect(response.body.items.map((item: { user: { id: string } }) => item.user.id).filter((id: string) => teamIds.has(id))).toEqual([
      user('hiringManager'),
      user('interviewer2'),
    ]);
    expect(response.body.items.find((item: { user: { id: string } }) => item.user.id === user('interviewer2'))).toMatchObject({
      user: { id: user('interviewer2'), name: 'Interviewer2 Tester', email: suite.team.users.interviewer2!.email },
      load: 1,
      reasons: [],
    });
    const excluded = Object.fromEntries(
      response.body.excluded.map((item: { user: { id: string }; reasons: string[] }) => [item.user.id, item.reasons]),
    );
    expect(excluded[user('interviewer')]).toEqual(['INTERVIEWER_DOUBLE_BOOKED']);
    expect(excluded[user('trainee')]).toEqual(['INTERVIEWER_NOT_QUALIFIED']);
    // Another slot, given in the query: the busy interviewer is free then.
    const later = await api('admin')
      .get(`${url}?${new URLSearchParams(slot(35, 14))}`)
      .expect(200);
    expect(later.body.items.map((item: { user: { id: string } }) => item.user.id)).toContain(user('interviewer'));
    const bad = await api('admin')
      .get(`${url}?${new URLSearchParams({ startsAt: slot(35, 14).startsAt, endsAt: slot(35, 13).startsAt })}`)
      .expect(400);
    expect(bad.body.details.fields[0].field).toBe('endsAt');
    const unscheduled = await newLoop();
    await api('admin').get(`/api/loops/${unscheduled.id}/rounds/${unscheduled.rounds[0]!.id}/interviewer-suggestions`).expect(400);
  });

  it('cancels a loop: rounds not yet held lose their interviewers and shadows, and nothing changes afterwards', async () => {
    const loop = await newLoop();
    await patch(loop, 0, {
      interviewerId: user('interviewer'),
      startsAt: '2024-06-03T09:00:00.000Z',
      endsAt: '2024-06-03T10:00:00.000Z',
    }).expect(200);
    await patch(loop, 1, { interviewerId: user('interviewer2'), shadowInterviewerIds: [user('trainee')], ...slot(40, 9) }).expect(200);
    await api('otherManager').post(`/api/loops/${loop.id}/cancel`).send({ reason: 'Mine' }).expect(403);
    expect((await api('recruiter').post(`/api/loops/${loop.id}/cancel`).send({}).expect(400)).body.details.fields[0].field).toBe('reason');
    const cancelled = await api('hiringManager').post(`/api/loops/${loop.id}/cancel`).send({ reason: 'Candidate withdrew' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.rounds[0]).toMatchObject({ interviewerId: user('interviewer'), startsAt: '2024-06-03T09:00:00.000Z' });
    expect(cancelled.body.rounds[1]).toMatchObject({ interviewerId: null, shadowInterviewerIds: [], ...slot(40, 9) });
    // The interviewer's time is free again.
    const another = await newLoop();
    await patch(another, 1, { interviewerId: user('interviewer2'), ...slot(40, 9) }).expect(200);
    expect((await patch(loop, 2, { title: 'Too late' }).expect(409)).body.code).toBe('LOOP_CLOSED');
    expect(
      (
        await api('recruiter')
          .post(`/api/loops/${loop.id}/rounds`)
          .send({ title: 'X', pillarIds: [suite.pillars.coding] })
          .expect(409)
      ).body.code,
    ).toBe('LOOP_CLOSED');
    await api('recruiter').delete(`/api/loops/${loop.id}/rounds/${loop.rounds[2]!.id}`).expect(409);
    expect((await api('recruiter').post(`/api/loops/${loop.id}/cancel`).send({ reason: 'again' }).expect(409)).body.code).toBe(
      'LOOP_CLOSED',
    );
    expect((await auditActions(suite.testApp, suite.team.organization.id, loop.id))[0]).toBe('loop.cancelled');
    const listed = await api('admin').get(`/api/loops?status=cancelled&positionId=${positionId}`).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([loop.id]);
    // Cancelled loops drop out of the interviewers' assignments.
    const mine = await api('interviewer').get('/api/me/assignments?limit=200').expect(200);
    expect(mine.body.items.map((item: { loopId: string }) => item.loopId)).not.toContain(loop.id);
  });

  it('lets the scorecards feature mark a loop decided, after which its rounds no longer change', async () => {
    const loop = await newLoop();
    const loops = suite.testApp.app.get(LoopsService);
    await suite.testApp.dataSource.transaction((manager) => loops.markDecided(manager, systemActor(suite.team.organization.id), loop.id));
    expect((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.status).toBe('decided');
    expect((await patch(loop, 0, { title: 'Later' }).expect(409)).body.code).toBe('LOOP_CLOSED');
    await expect(
      suite.testApp.dataSource.transaction((manager) => loops.markDecided(manager, systemActor(suite.team.organization.id), loop.id)),
    ).rejects.toMatchObject({ code: 'LOOP_CLOSED' });
    await expect(
      suite.testApp.dataSource.transaction((manager) => loops.markDecided(manager, systemActor(suite.other.organization.id), loop.id)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves out of the suggestions those with a conflict, already in the loop, or at their weekly limit, saying so', async () => {
    const loop = await newLoop();
    await declareConflict('hiringManager', loop, 'Referred them');
    await patch(loop, 0, { interviewerId: user('interviewer'), ...slot(42, 9) }).expect(200);
    const limited = await limitedInterviewer('Zero Limit', 0);
    const response = await api('hiringManager')
      .get(`/api/loops/${loop.id}/rounds/${loop.rounds[1]!.id}/interviewer-suggestions?${new URLSearchParams(slot(42, 11))}`)
      .expect(200);
    const reasons = Object.fromEntries(
      [...response.body.items, ...response.body.excluded].map((item: { user: { id: string }; reasons: string[] }) => [
        item.user.id,
        item.reasons,
      ]),
    );
    expect(reasons[user('hiringManager')]).toEqual(['INTERVIEWER_CONFLICT']);
    expect(reasons[user('interviewer')]).toEqual(['INTERVIEWER_ALREADY_IN_LOOP']);
    expect(reasons[limited]).toEqual(['INTERVIEWER_OVER_LIMIT']);
    expect(reasons[user('interviewer2')]).toEqual([]);
    expect(response.body.items.map((item: { user: { id: string } }) => item.user.id)).toContain(user('interviewer2'));
    // Recruiters and admins only: no interviewer, no one outside the organization.
    await api('interviewer').get(`/api/loops/${loop.id}/rounds/${loop.rounds[1]!.id}/interviewer-suggestions`).expect(403);
    await as(suite.testApp, suite.other.users.admin!)
      .get(`/api/loops/${loop.id}/rounds/${loop.rounds[1]!.id}/interviewer-suggestions?${new URLSearchParams(slot(42, 11))}`)
      .expect(404);
  });

  it('lets exactly one of two concurrent assignments within a weekly limit of 1 win', async () => {
    const limited = await limitedInterviewer('One A Week', 1);
    const [first, second] = [await newLoop(), await newLoop()];
    const results = await Promise.all([
      patch(first, 0, { interviewerId: limited, ...slot(49, 9) }),
      patch(second, 0, { interviewerId: limited, ...slot(51, 9) }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    expect(results.find((result) => result.status === 409)!.body.code).toBe('INTERVIEWER_OVER_LIMIT');
  });
});

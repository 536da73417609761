import { Clock } from '@loopwright/core';
import type { Role } from '@loopwright/identity';
import { as, auditActions, createCandidateLoop, createLoopTemplate, createPosition, LOOP_TEAM, patchRound, qualify, ratingsByKey, saveScorecard, submitScorecard, teamSuite, timeSlot } from '@loopwright/testing';

const ROLES: Record<string, Role[]> = { ...LOOP_TEAM, hm2: ['hiring_manager'], i3: ['interviewer'], i4: ['interviewer'] };

const HOUR = 3_600_000;
const otherId = (): string => '00000000-0000-4000-8000-000000000001';
const slot = (day: number, hour: number) => timeSlot(Date.UTC(2025, 2, 3), day, hour);

interface LoopBody {
  id: string;
  rounds: { id: string; pillarIds: string[]; questionIds: string[] }[];
}

describe('scorecards: summary, decision, overdue and analytics', () => {
  const suite = teamSuite(ROLES, { other: { admin: ['admin'] } });
  const { api, user } = suite;
  let positionId: string;
  let loopA: LoopBody;
  let loopB: LoopBody;
  let questionId: string;

  const newLoop = async (rounds: { title: string; pillarIds: string[] }[], staffing: { interviewer: string; shadow?: string }[], day: number): Promise<LoopBody> => {
    const templateId = (await createLoopTemplate(api('admin'), rounds.map((round) => ({ ...round, questionCount: 1 })))).id;
    const loop = await createCandidateLoop<LoopBody>(api('recruiter'), { name: `Candidate ${day}` }, { positionId, templateId });
    for (const [index, staff] of staffing.entries()) {
      const shadowInterviewerIds = staff.shadow ? [user(staff.shadow)] : [];
      await patchRound(api('recruiter'), loop, index, { interviewerId: user(staff.interviewer), shadowInterviewerIds, ...slot(day, 8 + 2 * index) }).expect(200);
    }
    return loop;
  };

  /** Runs `step` with the app's clock at `at`: the rounds here are scheduled before they take place and written up soon after. */
  const atTime = async <T>(at: number, step: () => Promise<T>): Promise<T> => {
    const clock = suite.testApp.app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(at);
    try {
      return await step();
    } finally {
      clock.now = realNow;
    }
  };

  const fill = async (
    key: string,
    roundId: string,
    ratings: Record<string, string>,
    recommendation: string,
    options: { submit?: boolean; questionIds?: string[]; questionRating?: string } = {},
  ): Promise<void> => {
    const fields = {
      ratings: ratingsByKey(suite.pillars, ratings, (pillarKey) => `evidence for ${pillarKey}`),
      questionsAsked: (options.questionIds ?? []).map((id) => ({ questionId: id, notes: 'asked', ...(options.questionRating ? { rating: options.questionRating } : {}) })),
      recommendation,
      summary: `Summary by ${key}: long enough to submit.`,
    };
    await (options.submit === false ? saveScorecard : submitScorecard)(api(key), roundId, fields);
  };

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, ['i1', 'i2', 'i3', 'i4'].map(user));
    await qualify(api('admin'), suite.pillars, [user('trainee')], 'shadow');
    positionId = await createPosition(api('admin'), { title: 'ML Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
    questionId = (await api('admin').get(`/api/questions?pillar=foundations&limit=1`).expect(200)).body.items[0].id;
    const weekBefore = Date.parse(slot(0, 0).startsAt) - 7 * 24 * HOUR;
    loopA = await atTime(weekBefore, () =>
      newLoop(
        [
          { title: 'Foundations and coding', pillarIds: [suite.pillars.foundations!, suite.pillars.coding!] },
          { title: 'Foundations again', pillarIds: [suite.pillars.foundations!] },
          { title: 'Coding', pillarIds: [suite.pillars.coding!] },
        ],
        [{ interviewer: 'i1', shadow: 'trainee' }, { interviewer: 'i2' }, { interviewer: 'i3' }],
        0,
      ),
    );
    loopB = await atTime(weekBefore, () => newLoop([{ title: 'Only round', pillarIds: [suite.pillars.foundations!] }], [{ interviewer: 'i1', shadow: 'trainee' }], 1));
    await atTime(Date.parse(slot(0, 12).endsAt), async () => {
      await fill('i1', loopA.rounds[0]!.id, { foundations: 'strong_yes', coding: 'yes' }, 'strong_yes');
      await fill('i2', loopA.rounds[1]!.id, { foundations: 'no' }, 'no');
      await fill('trainee', loopA.rounds[0]!.id, { foundations: 'strong_no', coding: 'strong_no' }, 'strong_no');
      await fill('i3', loopA.rounds[2]!.id, { coding: 'yes' }, 'yes', { submit: false });
    });
  });

  it('summarizes a loop per pillar: each round’s rating, mean, spread, 2-point disagreements, tally, missing and late', async () => {
    const summary = (await api('hiringManager').get(`/api/loops/${loopA.id}/summary`).expect(200)).body;
    expect(summary.pillars.map((row: { pillar: { key: string } }) => row.pillar.key)).toEqual(['foundations', 'coding']);
    const [foundations, coding] = summary.pillars;
    expect(foundations).toMatchObject({ mean: 3, spread: 2, disagreement: true });
    expect(foundations.ratings.map((cell: { interviewer: { id: string }; rating: string }) => [cell.interviewer.id, cell.rating])).toEqual([
      [user('i1'), 'strong_yes'],
      [user('i2'), 'no'],
    ]);
    expect(foundations.disagreements).toEqual([{ a: expect.objectContaining({ interviewerId: user('i1') }), b: expect.objectContaining({ interviewerId: user('i2') }), difference: 2 }]);
    expect(coding).toMatchObject({ mean: 3, spread: 0, disagreement: false });
    expect(summary.tally).toEqual({ strong_no: 0, no: 1, yes: 0, strong_yes: 1 });
    expect(summary.missing).toEqual([
      expect.objectContaining({ roundId: loopA.rounds[2]!.id, interviewerId: user('i3'), status: 'draft', shadow: false, late: true }),
    ]);
    expect(summary.late).toHaveLength(1);
    expect(JSON.stringify(summary)).not.toContain('Summary by i3');

    const withShadows = (await api('admin').get(`/api/loops/${loopA.id}/summary?includeShadows=true`).expect(200)).body;
    expect(withShadows.pillars[0].mean).toBeCloseTo(2.33, 2);
    expect(withShadows.pillars[0].ratings).toHaveLength(3);
    expect(withShadows.tally).toEqual({ strong_no: 1, no: 1, yes: 0, strong_yes: 1 });

    await api('i1').get(`/api/loops/${loopA.id}/summary`).expect(403);
    await as(suite.testApp, suite.other.users.admin!).get(`/api/loops/${loopA.id}/summary`).expect(404);
    await as(suite.testApp, suite.other.users.admin!).get(`/api/loops/${loopA.id}/scorecards?format=csv`).expect(404);
    await as(suite.testApp, suite.other.users.admin!).get(`/api/positions/${positionId}/scorecards?format=csv`).expect(404);
  });

  it('lists overdue scorecards by interviewer, rating vs write-up, by the clock', async () => {
    const clock = suite.testApp.app.get(Clock);
    const realNow = clock.now.bind(clock);
    const roundEnd = Date.parse(slot(0, 12).endsAt);
    try {
      clock.now = () => new Date(roundEnd + 2 * HOUR);
      const early = (await api('recruiter').get('/api/scorecards/overdue').expect(200)).body;
      const i3 = early.find((group: { interviewer: { id: string } }) => group.interviewer.id === user('i3'));
      // i3 saved a recommendation in the draft: the rating is in, the write-up (not submitted) not due yet.
      expect(i3).toBeUndefined();
      clock.now = () => new Date(roundEnd + 30 * HOUR);
      const late = (await api('hiringManager').get('/api/scorecards/overdue').expect(200)).body;
      const groupOf = (groups: { interviewer: { id: string } }[], key: string) => groups.find((group) => group.interviewer.id === user(key));
      expect(groupOf(late, 'i3')).toEqual({
        interviewer: { id: user('i3'), name: expect.any(String) },
        ratingOverdue: [],
        writeupOverdue: [expect.objectContaining({ roundId: loopA.rounds[2]!.id, loopId: loopA.id, scorecardStatus: 'draft', shadow: false })],
      });
      // i1 has not opened loop B's round (held the next day): its rating is late, the write-up not yet.
      expect(groupOf(late, 'i1')).toEqual({
        interviewer: { id: user('i1'), name: expect.any(String) },
        ratingOverdue: [expect.objectContaining({ roundId: loopB.rounds[0]!.id, scorecardStatus: 'not_started' })],
        writeupOverdue: [],
      });
      // Submitted ones and shadows (without includeShadows) are not listed.
      expect(groupOf(late, 'i2')).toBeUndefined();
      expect(groupOf(late, 'trainee')).toBeUndefined();
      // The trainee's shadow scorecard of loop B was never opened: listed only with includeShadows.
      const shadows = (await api('admin').get('/api/scorecards/overdue?includeShadows=true').expect(200)).body;
      const trainee = shadows.find((group: { interviewer: { id: string } }) => group.interviewer.id === user('trainee'));
      expect(trainee.ratingOverdue).toEqual([expect.objectContaining({ roundId: loopB.rounds[0]!.id, shadow: true, scorecardStatus: 'not_started' })]);
      await api('i1').get('/api/scorecards/overdue').expect(403);
      expect((await as(suite.testApp, suite.other.users.admin!).get('/api/scorecards/overdue?includeShadows=true').expect(200)).body).toEqual([]);
    } finally {
      clock.now = realNow;
    }
  });

  it('refuses a decision while a scheduled round lacks its scorecard (SCORECARDS_MISSING), without an audit event', async () => {
    const refused = await api('hiringManager').post(`/api/loops/${loopA.id}/decision`).send({ decision: 'hire', note: 'Great' }).expect(409);
    expect(refused.body.code).toBe('SCORECARDS_MISSING');
    expect(refused.body.details.rounds).toEqual([{ roundId: loopA.rounds[2]!.id, title: 'Coding', interviewerId: user('i3') }]);
    expect(await auditActions(suite.testApp, suite.team.organization.id, loopA.id)).not.toContain('loop.decided');
    const noNote = await api('hiringManager').post(`/api/loops/${loopA.id}/decision`).send({ decision: 'hire', force: true }).expect(400);
    expect(noNote.body.details.fields[0].field).toBe('note');
    expect((await api('admin').get(`/api/loops/${loopA.id}`).expect(200)).body.status).not.toBe('decided');
  });

  it('lets only the position’s hiring manager or an admin decide', async () => {
    expect((await api('hm2').post(`/api/loops/${loopB.id}/decision`).send({ decision: 'hire' }).expect(403)).body.code).toBe('FORBIDDEN');
    await api('recruiter').post(`/api/loops/${loopB.id}/decision`).send({ decision: 'hire' }).expect(403);
    await api('i1').post(`/api/loops/${loopB.id}/decision`).send({ decision: 'hire' }).expect(403);
    await as(suite.testApp, suite.other.users.admin!).post(`/api/loops/${loopB.id}/decision`).send({ decision: 'hire' }).expect(404);
    await api('admin').post(`/api/loops/${loopB.id}/decision`).send({ decision: 'maybe' }).expect(400);
  });

  it('does not wait for shadows; a decided loop is read-only', async () => {
    // The trainee shadows loop B and opens a draft, but never submits: not part of the gate.
    const draft = (await api('trainee').get(`/api/rounds/${loopB.rounds[0]!.id}/scorecard`).expect(200)).body;
    expect((await api('hiringManager').post(`/api/loops/${loopB.id}/decision`).send({ decision: 'hire' }).expect(409)).body.code).toBe(
      'SCORECARDS_MISSING',
    );
    await atTime(Date.parse(slot(1, 8).endsAt) + HOUR, () => fill('i1', loopB.rounds[0]!.id, { foundations: 'yes' }, 'yes'));
    const decided = await api('hiringManager').post(`/api/loops/${loopB.id}/decision`).send({ decision: 'hire', note: 'Solid across the board' }).expect(200);
    expect(decided.body).toMatchObject({ loopId: loopB.id, decision: 'hire', forced: false, missingRoundIds: [], decidedById: user('hiringManager') });
    expect((await api('admin').get(`/api/loops/${loopB.id}`).expect(200)).body.status).toBe('decided');
    expect(await auditActions(suite.testApp, suite.team.organization.id, loopB.id)).toEqual(expect.arrayContaining(['loop.decided', 'loop.decision_recorded']));

    const save = await api('trainee').put(`/api/rounds/${loopB.rounds[0]!.id}/scorecard`).send({ version: draft.version, summary: 'late notes' }).expect(409);
    expect(save.body.code).toBe('LOOP_CLOSED');
    const amend = await api('i1').post(`/api/rounds/${loopB.rounds[0]!.id}/scorecard/amendments`).send({ reason: 'oops', recommendation: 'no' }).expect(409);
    expect(amend.body.code).toBe('LOOP_CLOSED');
    await api('trainee').post(`/api/rounds/${loopB.rounds[0]!.id}/scorecard/submit`).send({ version: draft.version }).expect(409);
    expect((await api('admin').post(`/api/loops/${loopB.id}/decision`).send({ decision: 'no_hire' }).expect(409)).body.code).toBe('LOOP_CLOSED');
    const summary = (await api('admin').get(`/api/loops/${loopB.id}/summary`).expect(200)).body;
    expect(summary.decision).toMatchObject({ decision: 'hire', note: 'Solid across the board' });
  });

  it('decides with force and a note although scorecards are missing, recording which', async () => {
    const decided = await api('admin')
      .post(`/api/loops/${loopA.id}/decision`)
      .send({ decision: 'no_hire', note: 'i3 is on leave; the other rounds are clear', force: true })
      .expect(200);
    expect(decided.body).toMatchObject({ decision: 'no_hire', forced: true, missingRoundIds: [loopA.rounds[2]!.id] });
    // Both events are written in the decision's transaction (same time, so their order among themselves is not fixed).
    expect((await auditActions(suite.testApp, suite.team.organization.id, loopA.id)).slice(0, 2).sort()).toEqual(['loop.decided', 'loop.decision_recorded']);
    // A decided loop's late scorecards are no longer overdue.
    const overdue = (await api('admin').get('/api/scorecards/overdue').expect(200)).body;
    expect(overdue.find((group: { interviewer: { id: string } }) => group.interviewer.id === user('i3'))).toBeUndefined();
  });

  it('computes interviewer calibration and question analytics in SQL, with minimum counts', async () => {
    // Five loops: i1 rates foundations high, i2 low; the same question is asked in each; three hires, two no-hires.
    for (let index = 0; index < 5; index += 1) {
      const loop = await newLoop(
        [
          { title: 'F1', pillarIds: [suite.pillars.foundations!] },
          { title: 'F2', pillarIds: [suite.pillars.foundations!] },
        ],
        [{ interviewer: 'i1' }, { interviewer: 'i2' }],
        3 + index,
      );
      const hire = index < 3;
      // i1 rates the question itself in the first two loops ('no'), which the question's figures use over the pillar's.
      const questionRating = index < 2 ? 'no' : undefined;
      await fill('i1', loop.rounds[0]!.id, { foundations: hire ? 'strong_yes' : 'yes' }, 'yes', { questionIds: [questionId], questionRating });
      await fill('i2', loop.rounds[1]!.id, { foundations: hire ? 'no' : 'strong_no' }, 'no', { questionIds: [questionId] });
      await api('hiringManager').post(`/api/loops/${loop.id}/decision`).send({ decision: hire ? 'hire' : 'no_hire' }).expect(200);
    }
    const analytics = (await api('admin').get('/api/analytics/interviewers').expect(200)).body;
    expect(analytics.minCount).toBe(5);
    const byId = new Map(analytics.items.map((item: { interviewer: { id: string } }) => [item.interviewer.id, item]));
    expect(byId.has(user('trainee'))).toBe(false);
    const i1 = byId.get(user('i1')) as {
      submitted: number;
      onTimeRate: number;
      medianHoursToSubmit: number;
      pillars: { pillar: { key: string }; count: number; offset: number; confidenceInterval: { low: number; high: number }; enoughData: boolean; strongShare: number }[];
    };
    expect(i1.submitted).toBe(7);
    // Every round here was timed after it took place (recorded after the fact) and submitted right away: on time.
    expect(i1.onTimeRate).toBe(1);
    expect(i1.medianHoursToSubmit).toBeLessThan(1);
    const f1 = i1.pillars.find((row) => row.pillar.key === 'foundations')!;
    expect(f1).toMatchObject({ count: 7, enoughData: true });
    expect(f1.offset).toBeGreaterThan(0);
    expect(f1.confidenceInterval.low).toBeLessThanOrEqual(f1.offset);
    expect(f1.confidenceInterval.high).toBeGreaterThanOrEqual(f1.offset);
    expect(f1.strongShare).toBeCloseTo(4 / 7, 2);
    const coding = i1.pillars.find((row) => row.pillar.key === 'coding')!;
    expect(coding).toMatchObject({ count: 1, enoughData: false, offset: null, confidenceInterval: null });
    const i2 = byId.get(user('i2')) as { pillars: { pillar: { key: string }; offset: number }[] };
    expect(i2.pillars.find((row) => row.pillar.key === 'foundations')!.offset).toBeLessThan(0);
    const strict = (await api('hiringManager').get('/api/analytics/interviewers?minCount=100').expect(200)).body;
    expect(strict.items.every((item: { pillars: { offset: number | null }[] }) => item.pillars.every((row) => row.offset === null))).toBe(true);

    const questions = (await api('hiringManager').get('/api/analytics/questions').expect(200)).body;
    const asked = questions.items.find((item: { question: { id: string } }) => item.question.id === questionId);
    expect(asked).toMatchObject({ timesAsked: 10, ratedCount: 10, questionRatingCount: 2, decided: { count: 10, hires: 6, noHires: 4 } });
    // (3 + 3 + 4 + 3 + 3 of i1's, two of them the question's own 'no' instead of 'strong_yes') + (2 + 2 + 2 + 1 + 1) = 22.
    expect(asked.meanRating).toBeCloseTo(2.2, 2);
    expect(asked.correlation).toBeGreaterThan(0);
    expect(asked.correlation).toBeLessThanOrEqual(1);
    await api('recruiter').get('/api/analytics/interviewers').expect(403);
    await api('i1').get('/api/analytics/questions').expect(403);
    expect((await as(suite.testApp, suite.other.users.admin!).get('/api/analytics/interviewers').expect(200)).body.items).toEqual([]);
  });

  it('counts timeliness from the later of the round’s end and its recording, and a question’s last use from the round', async () => {
    const clock = suite.testApp.app.get(Clock);
    const realNow = clock.now.bind(clock);
    const otherQuestionId = (await api('admin').get(`/api/questions?pillar=foundations&limit=2`).expect(200)).body.items[1].id;
    const rounds = [{ title: 'Timed', pillarIds: [suite.pillars.foundations!] }];
    try {
      // Scheduled two days ahead, submitted 30 hours after its end: late (due 24 hours after), 30 hours.
      const endAhead = Date.parse(slot(20, 8).endsAt);
      clock.now = () => new Date(endAhead - 48 * HOUR);
      const ahead = await newLoop(rounds, [{ interviewer: 'i4' }], 20);
      clock.now = () => new Date(endAhead + 30 * HOUR);
      await fill('i4', ahead.rounds[0]!.id, { foundations: 'yes' }, 'yes');
      // Recorded 100 hours after it took place, submitted an hour later: on time, 1 hour (not 101).
      const endAfter = Date.parse(slot(22, 8).endsAt);
      clock.now = () => new Date(endAfter + 100 * HOUR);
      const after = await newLoop(rounds, [{ interviewer: 'i4' }], 22);
      clock.now = () => new Date(endAfter + 101 * HOUR);
      await fill('i4', after.rounds[0]!.id, { foundations: 'yes' }, 'yes', { questionIds: [otherQuestionId] });
    } finally {
      clock.now = realNow;
    }
    const analytics = (await api('admin').get('/api/analytics/interviewers').expect(200)).body;
    const i4 = analytics.items.find((item: { interviewer: { id: string } }) => item.interviewer.id === user('i4'));
    expect(i4).toMatchObject({ submitted: 2, onTimeRate: 0.5, medianHoursToSubmit: 15.5 });
    const question = (await api('admin').get(`/api/questions/${otherQuestionId}`).expect(200)).body;
    expect(question.stats.lastAskedAt).toBe(slot(22, 8).startsAt);
  });

  it('keeps a rating per question asked: merged on saves, returned, refused off the scale naming the field', async () => {
    const loop = await newLoop([{ title: 'Rated questions', pillarIds: [suite.pillars.foundations!] }], [{ interviewer: 'i3' }], 24);
    const roundId = loop.rounds[0]!.id;
    const url = `/api/rounds/${roundId}/scorecard`;
    let { version } = (await api('i3').get(url).expect(200)).body;
    const saved = await api('i3')
      .put(url)
      .send({ version, questionsAsked: [{ questionId, notes: 'Derived it.', rating: 'strong_yes' }] })
      .expect(200);
    expect(saved.body.questionsAsked).toEqual([expect.objectContaining({ questionId, notes: 'Derived it.', rating: 'strong_yes' })]);
    version = saved.body.version;
    // Notes alone change the notes; the rating stays (and the other way round), null clears it.
    version = (await api('i3').put(url).send({ version, questionsAsked: [{ questionId, notes: 'Derived it, slowly.' }] }).expect(200)).body.version;
    const cleared = await api('i3').put(url).send({ version, questionsAsked: [{ questionId, rating: null }] }).expect(200);
    expect(cleared.body.questionsAsked).toEqual([expect.objectContaining({ notes: 'Derived it, slowly.', rating: null })]);
    version = cleared.body.version;
    const refused = await api('i3')
      .put(url)
      .send({ version, questionsAsked: [{ questionId, rating: 'yes' }, { questionId: otherId(), rating: 'maybe' }] })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('questionsAsked.1.rating');
    const removing = await api('i3').put(url).send({ version, questionsAsked: [{ questionId, remove: true, rating: 'yes' }] }).expect(400);
    expect(JSON.stringify(removing.body)).toContain('questionsAsked.0.rating');
    const kept = (await api('i3').get(url).expect(200)).body;
    expect(kept).toMatchObject({ version, questionsAsked: [{ questionId, notes: 'Derived it, slowly.', rating: null }] });
  });
});

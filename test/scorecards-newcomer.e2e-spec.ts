import { Clock } from '@loopwright/core';
import type { Role } from '@loopwright/identity';
import { createCandidateLoop, createLoopTemplate, createPosition, patchRound, qualify, submitScorecard, teamSuite, timeSlot } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

/** Issue 12, what a newcomer tripped on: draft saves merge, submit waits for the round, the summary names people. */
const ROLES: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager'],
  recruiter: ['recruiter'],
  ada: ['interviewer'],
  bo: ['interviewer'],
  trainee: ['interviewer'],
};

const slot = (day: number, hour: number) => timeSlot(Date.UTC(2025, 4, 5), day, hour);

interface LoopBody {
  id: string;
  rounds: { id: string; pillarIds: string[]; questionIds: string[]; plannedQuestions: { questionId: string; version: number }[] }[];
}

describe('scorecards: what a newcomer tripped on', () => {
  const suite = teamSuite(ROLES, { environment: { QUERY_COUNTING: 'true' } });
  const { api, user } = suite;
  let positionId: string;
  let templateId: string;
  let day = 0;

  const put = (key: string, roundId: string, body: Record<string, unknown>) => api(key).put(`/api/rounds/${roundId}/scorecard`).send(body);
  const mine = async (key: string, roundId: string): Promise<{ version: number; ratings: unknown[]; questionsAsked: unknown[] }> =>
    (await api(key).get(`/api/rounds/${roundId}/scorecard`).expect(200)).body;

  /** A loop with a two-pillar round for ada (trainee shadowing) and a coding round for bo, at `times` (default: a past day). */
  const newLoop = async (times?: { startsAt?: string | null; endsAt?: string | null }): Promise<LoopBody> => {
    const loop = await createCandidateLoop<LoopBody>(api('recruiter'), { name: 'Rin Okafor' }, { positionId, templateId });
    day += 1;
    const first = times ?? slot(day, 9);
    await patchRound(api('recruiter'), loop, 0, { interviewerId: user('ada'), shadowInterviewerIds: [user('trainee')], ...first }).expect(200);
    await patchRound(api('recruiter'), loop, 1, { interviewerId: user('bo'), ...slot(day, 11) }).expect(200);
    return (await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body;
  };

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('ada'), user('bo')]);
    await qualify(api('admin'), suite.pillars, [user('trainee')], 'shadow');
    positionId = await createPosition(api('admin'), { title: 'ML Engineer', roleFamily: 'ml_engineer', level: 'senior', hiringManagerId: user('hiringManager') });
    templateId = (
      await createLoopTemplate(
        api('admin'),
        [
          { title: 'Foundations and coding', pillarIds: [suite.pillars.foundations, suite.pillars.coding], questionCount: 2 },
          { title: 'Coding', pillarIds: [suite.pillars.coding], questionCount: 1 },
        ],
        'Two rounds',
      )
    ).id;
  });

  afterAll(async () => {
    delete process.env.QUERY_COUNTING;
  });

  describe('draft saves merge ratings per pillar and questions per question', () => {
    it('keeps the coding rating when a later save sends only foundations; rating: null clears one pillar only', async () => {
      const loop = await newLoop();
      const round = loop.rounds[0]!.id;
      const { version } = await mine('ada', round);
      const both = await put('ada', round, {
        version,
        ratings: [
          { pillarId: suite.pillars.coding, rating: 'yes', notes: 'Clean, tested code.' },
          { pillarId: suite.pillars.foundations, rating: 'no', notes: 'Shaky on regularization.' },
        ],
      }).expect(200);
      const onlyFoundations = await put('ada', round, {
        version: both.body.version,
        ratings: [{ pillarId: suite.pillars.foundations, rating: 'yes' }],
      }).expect(200);
      expect(onlyFoundations.body.ratings).toEqual([
        { pillarId: suite.pillars.coding, rating: 'yes', notes: 'Clean, tested code.' },
        // The rating changed; the notes, left out, stayed.
        { pillarId: suite.pillars.foundations, rating: 'yes', notes: 'Shaky on regularization.' },
      ]);
      const cleared = await put('ada', round, {
        version: onlyFoundations.body.version,
        ratings: [{ pillarId: suite.pillars.coding, rating: null }],
      }).expect(200);
      expect(cleared.body.ratings).toEqual([
        { pillarId: suite.pillars.coding, rating: null, notes: 'Clean, tested code.' },
        { pillarId: suite.pillars.foundations, rating: 'yes', notes: 'Shaky on regularization.' },
      ]);
      // Notes cleared with null; an empty list and other fields change no rating.
      const notesCleared = await put('ada', round, { version: cleared.body.version, ratings: [{ pillarId: suite.pillars.coding, notes: null }] }).expect(200);
      const untouched = await put('ada', round, { version: notesCleared.body.version, ratings: [], summary: 'Still thinking.' }).expect(200);
      expect(untouched.body.ratings).toEqual([
        { pillarId: suite.pillars.coding, rating: null, notes: null },
        { pillarId: suite.pillars.foundations, rating: 'yes', notes: 'Shaky on regularization.' },
      ]);
      expect((await mine('ada', round)).ratings).toEqual(untouched.body.ratings);
    });

    it('merges questionsAsked per question, keeps the version first recorded, and removes one with remove: true', async () => {
      const loop = await newLoop();
      const round = loop.rounds[0]!;
      const [first, second] = round.plannedQuestions;
      const { version } = await mine('ada', round.id);
      const v1 = await put('ada', round.id, { version, questionsAsked: [{ questionId: first!.questionId, notes: 'Asked first.' }] }).expect(200);
      const v2 = await put('ada', round.id, { version: v1.body.version, questionsAsked: [{ questionId: second!.questionId }] }).expect(200);
      expect(v2.body.questionsAsked.map((item: { questionId: string; notes: string | null }) => [item.questionId, item.notes])).toEqual([
        [first!.questionId, 'Asked first.'],
        [second!.questionId, null],
      ]);
      // A new version of the first question meanwhile: the entry keeps the version it was recorded with.
      await api('admin').patch(`/api/questions/${first!.questionId}`).send({ prompt: `A rewritten prompt ${randomUUID()}` }).expect(200);
      const v3 = await put('ada', round.id, { version: v2.body.version, questionsAsked: [{ questionId: first!.questionId, notes: 'Went deep.' }] }).expect(200);
      expect(v3.body.questionsAsked).toEqual([
        expect.objectContaining({ questionId: first!.questionId, version: first!.version, notes: 'Went deep.' }),
        expect.objectContaining({ questionId: second!.questionId, notes: null }),
      ]);
      const v4 = await put('ada', round.id, { version: v3.body.version, questionsAsked: [{ questionId: first!.questionId, remove: true }] }).expect(200);
      expect(v4.body.questionsAsked.map((item: { questionId: string }) => item.questionId)).toEqual([second!.questionId]);
      // Removing one that is not on the list changes nothing; notes with remove are refused; each question once.
      const v5 = await put('ada', round.id, { version: v4.body.version, questionsAsked: [{ questionId: first!.questionId, remove: true }] }).expect(200);
      expect(v5.body.questionsAsked).toEqual(v4.body.questionsAsked);
      const refused = await put('ada', round.id, {
        version: v5.body.version,
        questionsAsked: [{ questionId: second!.questionId, remove: true, notes: 'x' }],
      }).expect(400);
      expect(refused.body.details.fields.map((problem: { field: string }) => problem.field)).toContain('questionsAsked.0.notes');
      await put('ada', round.id, { version: v5.body.version, questionsAsked: [{ questionId: second!.questionId, remove: 'yes' }] }).expect(400);
      expect((await mine('ada', round.id)).version).toBe(v5.body.version);
    });

    it('still saves in one conditional UPDATE: 3 statements when it wins, 4 when stale, and a stale save loses nothing', async () => {
      const loop = await newLoop();
      const round = loop.rounds[0]!.id;
      const { version } = await mine('ada', round);
      const questionId = loop.rounds[0]!.questionIds[0]!;
      const asked = [{ questionId, notes: 'asked' }];
      const saved = await put('ada', round, { version, ratings: [{ pillarId: suite.pillars.coding, rating: 'yes' }], questionsAsked: asked }).expect(200);
      expect(Number(saved.headers['x-sql-statements'])).toBe(3);
      const stale = await put('ada', round, { version, ratings: [{ pillarId: suite.pillars.foundations, rating: 'no' }], questionsAsked: asked }).expect(409);
      expect(Number(stale.headers['x-sql-statements'])).toBe(4);
      expect(stale.body.code).toBe('STALE_VERSION');
      expect(stale.body.details.current.ratings).toEqual([{ pillarId: suite.pillars.coding, rating: 'yes', notes: null }]);
      // Ratings only: the round and the UPDATE.
      const ratingsOnly = await put('ada', round, { version: saved.body.version, ratings: [{ pillarId: suite.pillars.coding, notes: 'n' }] }).expect(200);
      expect(Number(ratingsOnly.headers['x-sql-statements'])).toBe(2);
      saved.body.version = ratingsOnly.body.version;
      // Two writers of different pillars at one version: one wins, the other retries on the new version, both stay.
      const retried = await put('ada', round, { version: saved.body.version, ratings: [{ pillarId: suite.pillars.foundations, rating: 'no' }] }).expect(200);
      expect(retried.body.ratings).toEqual([
        { pillarId: suite.pillars.coding, rating: 'yes', notes: 'n' },
        { pillarId: suite.pillars.foundations, rating: 'no', notes: null },
      ]);
    });
  });

  describe('submitting before the round has started', () => {
    const complete = (version: number) => ({
      version,
      ratings: [
        { pillarId: suite.pillars.foundations, rating: 'yes', notes: 'Solid.' },
        { pillarId: suite.pillars.coding, rating: 'yes', notes: 'Solid.' },
      ],
      recommendation: 'yes',
      summary: 'Clear thinking and careful, tested code throughout.',
    });

    it('refuses 409 ROUND_NOT_STARTED by the injected clock, then takes it once the round starts', async () => {
      const loop = await newLoop();
      const round = loop.rounds[0]!.id;
      const start = Date.parse(slot(day, 9).startsAt);
      const clock = suite.testApp.app.get(Clock);
      const realNow = clock.now.bind(clock);
      try {
        clock.now = () => new Date(start - 60_000);
        const { version } = await mine('ada', round);
        // Drafts are saved at any time; only submitting waits.
        const saved = await put('ada', round, complete(version)).expect(200);
        const early = await api('ada').post(`/api/rounds/${round}/scorecard/submit`).send({ version: saved.body.version }).expect(409);
        expect(early.body).toMatchObject({
          code: 'ROUND_NOT_STARTED',
          details: { roundId: round, startsAt: new Date(start).toISOString(), now: new Date(start - 60_000).toISOString() },
        });
        // The shadow waits too.
        const shadow = await mine('trainee', round);
        const shadowSaved = await put('trainee', round, complete(shadow.version)).expect(200);
        expect((await api('trainee').post(`/api/rounds/${round}/scorecard/submit`).send({ version: shadowSaved.body.version }).expect(409)).body.code).toBe(
          'ROUND_NOT_STARTED',
        );
        expect((await mine('ada', round)).version).toBe(saved.body.version);
        expect((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.rounds[0].scorecardStatus).toBe('draft');
        // At the start (during the interview) it is taken.
        clock.now = () => new Date(start);
        await api('ada').post(`/api/rounds/${round}/scorecard/submit`).send({ version: saved.body.version }).expect(200);
      } finally {
        clock.now = realNow;
      }
    });

    it('refuses a round with no time yet (it has not been held) until it is scheduled, a past time included', async () => {
      const loop = await newLoop({});
      const round = loop.rounds[0]!.id;
      const { version } = await mine('ada', round);
      const saved = await put('ada', round, complete(version)).expect(200);
      const refused = await api('ada').post(`/api/rounds/${round}/scorecard/submit`).send({ version: saved.body.version }).expect(409);
      expect(refused.body).toMatchObject({ code: 'ROUND_NOT_STARTED', details: { roundId: round, startsAt: null } });
      await api('recruiter').patch(`/api/loops/${loop.id}/rounds/${round}`).send(slot(day, 14)).expect(200);
      await api('ada').post(`/api/rounds/${round}/scorecard/submit`).send({ version: saved.body.version }).expect(200);
    });
  });

  it('names the interviewer in the summary’s recommendations and missing, as the cells do; the loop’s list is a page', async () => {
    const loop = await newLoop();
    const round = loop.rounds[0]!.id;
    await submitScorecard(api('ada'), round, {
      ratings: [
        { pillarId: suite.pillars.foundations, rating: 'strong_yes', notes: 'Deep.' },
        { pillarId: suite.pillars.coding, rating: 'yes', notes: 'Good.' },
      ],
      recommendation: 'yes',
      summary: 'Clear thinking and careful, tested code throughout.',
    });
    const ada = { id: user('ada'), name: suite.team.users.ada!.name };
    const summary = (await api('hiringManager').get(`/api/loops/${loop.id}/summary?includeShadows=true`).expect(200)).body;
    expect(summary.pillars[0].ratings[0].interviewer).toEqual(ada);
    expect(summary.recommendations).toEqual([{ roundId: round, interviewerId: ada.id, interviewer: ada, shadow: false, recommendation: 'yes' }]);
    const missing = summary.missing.map((item: { interviewerId: string; interviewer: unknown; shadow: boolean }) => [item.interviewerId, item.interviewer, item.shadow]);
    expect(missing).toEqual(
      expect.arrayContaining([
        [user('trainee'), { id: user('trainee'), name: suite.team.users.trainee!.name }, true],
        [user('bo'), { id: user('bo'), name: suite.team.users.bo!.name }, false],
      ]),
    );
    expect(missing).toHaveLength(2);
    expect(summary.late.every((item: { interviewer: { name: string } }) => item.interviewer.name.length > 0)).toBe(true);

    const page = (await api('recruiter').get(`/api/loops/${loop.id}/scorecards`).expect(200)).body;
    expect(Object.keys(page).sort()).toEqual(['items', 'nextCursor']);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((item: { authorId: string }) => item.authorId)).toEqual([ada.id]);
    // CSV stays CSV.
    const csv = await api('recruiter').get(`/api/loops/${loop.id}/scorecards?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
  });
});

import { Clock } from '@loopwright/core';
import type { Role } from '@loopwright/identity';
import { createCandidateLoop, createFoundationsCodingTemplate, createPosition, LOOP_TEAM, patchRound, qualify, saveScorecard, submitScorecard, teamSuite } from '@loopwright/testing';

const ROLES: Record<string, Role[]> = {
  ...LOOP_TEAM,
  // The demo's manager: staff who also interview.
  hiringManager: ['hiring_manager', 'interviewer'],
  adminShadow: ['admin', 'interviewer'],
  i3: ['interviewer'],
};

const HOUR = 3_600_000;
let nextSlot = 0;
/** A fresh past hour for each round, so that no two rounds of one interviewer ever overlap. */
const slot = (): { startsAt: string; endsAt: string } => {
  const start = Date.UTC(2025, 3, 7, 8) + nextSlot++ * 2 * HOUR;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + HOUR).toISOString() };
};

interface LoopBody {
  id: string;
  rounds: { id: string; pillarIds: string[]; interviewerId: string | null; scorecardStatus: string; startsAt: string; endsAt: string; title: string }[];
}

describe('scorecards hardening: rounds with scorecards, the blind rule for staff who interview, the decision gate', () => {
  const suite = teamSuite(ROLES);
  const { api, user } = suite;
  let positionId: string;
  let templateId: string;

  /** A loop of two rounds (foundations; coding), staffed as given. */
  const newLoop = async (staffing: ({ interviewer: string; shadows?: string[] } | null)[]): Promise<LoopBody> => {
    const loop = await createCandidateLoop<LoopBody>(api('recruiter'), { name: 'Sam Lee' }, { positionId, templateId });
    for (const [index, staff] of staffing.entries()) {
      if (!staff) continue;
      await patchRound(api('recruiter'), loop, index, { interviewerId: user(staff.interviewer), shadowInterviewerIds: (staff.shadows ?? []).map(user), ...slot() }).expect(200);
    }
    return (await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body;
  };

  /** Saves a complete draft; returns its version. */
  const complete = (key: string, round: LoopBody['rounds'][number], summary = `Summary by ${key}: long enough to submit.`) => ({
    ratings: round.pillarIds.map((pillarId) => ({ pillarId, rating: 'yes', notes: 'Clear evidence.' })),
    recommendation: 'yes',
    summary,
  });
  /** Saves a complete draft; returns its version. */
  const draft = (key: string, round: LoopBody['rounds'][number], summary?: string): Promise<number> => saveScorecard(api(key), round.id, complete(key, round, summary));
  const submit = (key: string, round: LoopBody['rounds'][number]): Promise<void> => submitScorecard(api(key), round.id, complete(key, round));
  const patch = (loop: LoopBody, index: number, body: Record<string, unknown>) => patchRound(api('recruiter'), loop, index, body);

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, ['i1', 'i2', 'i3', 'hiringManager'].map(user));
    await qualify(api('admin'), suite.pillars, ['trainee', 'adminShadow'].map(user), 'shadow');
    positionId = await createPosition(api('admin'), { title: 'AI Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
    templateId = (await createFoundationsCodingTemplate(api('admin'), suite.pillars)).id;
  });

  describe('a round with a submitted scorecard', () => {
    it('keeps its interviewer and pillars (409 ROUND_HAS_SCORECARD naming the scorecard); times and title may be corrected', async () => {
      const loop = await newLoop([{ interviewer: 'i1' }, { interviewer: 'i2' }]);
      await submit('i1', loop.rounds[0]!);

      const reassigned = await patch(loop, 0, { interviewerId: user('i3') }).expect(409);
      expect(reassigned.body).toMatchObject({
        code: 'ROUND_HAS_SCORECARD',
        details: { roundId: loop.rounds[0]!.id, scorecards: [{ userId: user('i1'), shadow: false, status: 'submitted' }], fields: ['interviewerId'] },
      });
      await patch(loop, 0, { interviewerId: null }).expect(409);
      const repillared = await patch(loop, 0, { pillarIds: [suite.pillars.foundations, suite.pillars.coding] }).expect(409);
      expect(repillared.body.details.fields).toEqual(['pillarIds']);
      // Nothing of a refused change is applied, not even the parts that were allowed.
      const moved = slot();
      await patch(loop, 0, { interviewerId: user('i3'), ...moved }).expect(409);
      expect((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.rounds[0]).toMatchObject({
        interviewerId: user('i1'),
        pillarIds: [suite.pillars.foundations],
        startsAt: loop.rounds[0]!.startsAt,
        scorecardStatus: 'submitted',
      });

      // Times (and the title) may be corrected; sending the same interviewer and pillars is no change.
      const corrected = await patch(loop, 0, { ...moved, title: 'Foundations (late start)', interviewerId: user('i1'), pillarIds: [suite.pillars.foundations] }).expect(200);
      expect(corrected.body.rounds[0]).toMatchObject({ ...moved, title: 'Foundations (late start)', interviewerId: user('i1'), scorecardStatus: 'submitted' });

      const removed = await api('recruiter').delete(`/api/loops/${loop.id}/rounds/${loop.rounds[0]!.id}`).expect(409);
      expect(removed.body.code).toBe('ROUND_HAS_SCORECARD');
      // The author still reads and amends their scorecard; the summary shows it under their name.
      await api('i1').get(`/api/rounds/${loop.rounds[0]!.id}/scorecard`).expect(200);
      await api('i1').post(`/api/rounds/${loop.rounds[0]!.id}/scorecard/amendments`).send({ reason: 'typo', summary: 'A corrected summary, long enough.' }).expect(201);
      const summary = (await api('admin').get(`/api/loops/${loop.id}/summary`).expect(200)).body;
      expect(summary.pillars[0].ratings).toEqual([expect.objectContaining({ interviewer: expect.objectContaining({ id: user('i1') }) })]);
    });

    it('keeps the seat of a shadow who submitted, and the interviewer and pillars too, even before the interviewer writes', async () => {
      const loop = await newLoop([{ interviewer: 'i1', shadows: ['trainee'] }, { interviewer: 'i2' }]);
      await submit('trainee', loop.rounds[0]!);

      const unseated = await patch(loop, 0, { shadowInterviewerIds: [] }).expect(409);
      expect(unseated.body.details).toMatchObject({
        scorecards: [{ userId: user('trainee'), shadow: true, status: 'submitted' }],
        fields: ['shadowInterviewerIds'],
      });
      expect((await patch(loop, 0, { interviewerId: user('i3') }).expect(409)).body.details.fields).toEqual(['interviewerId']);
      await patch(loop, 0, { pillarIds: [suite.pillars.coding] }).expect(409);
      // Deleting the round would have deleted the shadow's submitted scorecard with it.
      expect((await api('recruiter').delete(`/api/loops/${loop.id}/rounds/${loop.rounds[0]!.id}`).expect(409)).body.code).toBe('ROUND_HAS_SCORECARD');

      // Another shadow may join; the one who submitted keeps their seat and its status.
      await patch(loop, 0, { shadowInterviewerIds: [user('trainee'), user('adminShadow')] }).expect(200);
      const mine = (await api('trainee').get('/api/me/assignments').expect(200)).body.items;
      expect(mine.find((item: { roundId: string }) => item.roundId === loop.rounds[0]!.id)).toMatchObject({ shadow: true, scorecardStatus: 'submitted' });
      const cards = (await api('admin').get(`/api/loops/${loop.id}/scorecards?includeShadows=true`).expect(200)).body.items;
      expect(cards).toEqual([expect.objectContaining({ authorId: user('trainee'), shadow: true })]);
    });

    it('keeps its people when the loop is cancelled before the round’s end (submitted during the interview)', async () => {
      const loop = await newLoop([null, null]);
      const later = new Date(Date.now() + 30 * 86_400_000 + nextSlot++ * 2 * HOUR);
      const times = { startsAt: later.toISOString(), endsAt: new Date(later.getTime() + HOUR).toISOString() };
      await patch(loop, 0, { interviewerId: user('i1'), shadowInterviewerIds: [user('trainee')], ...times }).expect(200);
      // Both rounds at the same time (other people), and the clock half-way through them: submitted during the interview.
      await patch(loop, 1, { interviewerId: user('i2'), shadowInterviewerIds: [user('adminShadow')], ...times }).expect(200);
      const rounds = (await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.rounds;
      const clock = suite.testApp.app.get(Clock);
      const realNow = clock.now.bind(clock);
      clock.now = () => new Date(later.getTime() + HOUR / 2);
      let cancelled;
      try {
        await submit('i1', rounds[0]);
        await submit('adminShadow', rounds[1]);
        cancelled = await api('recruiter').post(`/api/loops/${loop.id}/cancel`).send({ reason: 'The candidate withdrew' }).expect(200);
      } finally {
        clock.now = realNow;
      }
      expect(cancelled.body.rounds.map((round: { interviewerId: string | null; shadowInterviewerIds: string[] }) => [round.interviewerId, round.shadowInterviewerIds])).toEqual([
        [user('i1'), [user('trainee')]],
        [user('i2'), [user('adminShadow')]],
      ]);
    });

    it('lets exactly one of a concurrent submit and reassignment win, every time', async () => {
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const loop = await newLoop([{ interviewer: 'i1' }, null]);
        const round = loop.rounds[0]!;
        const version = await draft('i1', round);
        const [submitted, patched] = await Promise.all([
          api('i1').post(`/api/rounds/${round.id}/scorecard/submit`).send({ version }),
          patch(loop, 0, { interviewerId: user('i3') }),
        ]);
        const after = (await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.rounds[0];
        const [card] = await suite.testApp.dataSource.query(`SELECT status FROM scorecards WHERE round_id = $1 AND author_id = $2`, [round.id, user('i1')]);
        if (submitted.status === 200) {
          expect(patched.status).toBe(409);
          expect(patched.body.code).toBe('ROUND_HAS_SCORECARD');
          expect(after).toMatchObject({ interviewerId: user('i1'), scorecardStatus: 'submitted' });
          expect(card.status).toBe('submitted');
        } else {
          expect(patched.status).toBe(200);
          expect(submitted.status).toBe(404); // i1 is no longer on the round
          expect(after).toMatchObject({ interviewerId: user('i3'), scorecardStatus: 'not_started' });
          expect(card.status).toBe('draft');
        }
      }
    });
  });

  describe('a draft when the interviewer changes', () => {
    it('stays with its author (read-only, detached); the new interviewer starts empty and never sees it', async () => {
      const loop = await newLoop([{ interviewer: 'i1' }, null]);
      const round = loop.rounds[0]!;
      await draft('i1', round, 'Secret notes of i1, not for anyone else.');
      expect((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.rounds[0].scorecardStatus).toBe('draft');

      const reassigned = await patch(loop, 0, { interviewerId: user('i3') }).expect(200);
      expect(reassigned.body.rounds[0]).toMatchObject({ interviewerId: user('i3'), scorecardStatus: 'not_started' });

      const fresh = await api('i3').get(`/api/rounds/${round.id}/scorecard`).expect(200);
      expect(fresh.body).toMatchObject({ authorId: user('i3'), status: 'draft', version: 1, ratings: [], recommendation: null, summary: null });
      expect(fresh.body.detached).toBeUndefined();
      expect(JSON.stringify(fresh.body)).not.toContain('Secret notes');

      const kept = await api('i1').get(`/api/rounds/${round.id}/scorecard`).expect(200);
      expect(kept.body).toMatchObject({ authorId: user('i1'), status: 'draft', detached: true, summary: 'Secret notes of i1, not for anyone else.' });
      expect(kept.body.id).not.toBe(fresh.body.id);
      // Read-only: the old author can no longer save or submit it.
      await api('i1').put(`/api/rounds/${round.id}/scorecard`).send({ version: kept.body.version, summary: 'More secret notes.' }).expect(404);
      await api('i1').post(`/api/rounds/${round.id}/scorecard/submit`).send({ version: kept.body.version }).expect(404);
      // Nor does it reach the others: the new interviewer submits and reads the loop's scorecards.
      await submit('i3', round);
      const cards = (await api('i3').get(`/api/loops/${loop.id}/scorecards`).expect(200)).body.items;
      expect(cards.map((card: { authorId: string }) => card.authorId)).toEqual([user('i3')]);
      expect(JSON.stringify(cards)).not.toContain('Secret notes');
    });

    it('gives the draft back, live again, to an author put back on the round', async () => {
      const loop = await newLoop([{ interviewer: 'i1' }, null]);
      const round = loop.rounds[0]!;
      const version = await draft('i1', round, 'First thoughts of i1, kept for later.');
      await patch(loop, 0, { interviewerId: user('i3') }).expect(200);
      await patch(loop, 0, { interviewerId: user('i1') }).expect(200);
      const back = await api('i1').get(`/api/rounds/${round.id}/scorecard`).expect(200);
      expect(back.body).toMatchObject({ version, summary: 'First thoughts of i1, kept for later.' });
      expect(back.body.detached).toBeUndefined();
      expect((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.rounds[0].scorecardStatus).toBe('draft');
      await api('i1').post(`/api/rounds/${round.id}/scorecard/submit`).send({ version }).expect(200);
    });
  });

  describe('the blind rule for staff who interview or shadow', () => {
    it('refuses the loop’s scorecards, summary, packet (every format) and hides it from the position CSV until they submit', async () => {
      // hiringManager interviews round 2 and adminShadow shadows round 1; i1 has submitted round 1.
      const loop = await newLoop([{ interviewer: 'i1', shadows: ['adminShadow'] }, { interviewer: 'hiringManager' }]);
      const elsewhere = await newLoop([{ interviewer: 'i2' }, null]);
      await submit('i1', loop.rounds[0]!);
      await submit('i2', elsewhere.rounds[0]!);

      const blocked = [
        `/api/loops/${loop.id}/scorecards`,
        `/api/loops/${loop.id}/scorecards?format=csv`,
        `/api/loops/${loop.id}/scorecards?includeShadows=true`,
        `/api/loops/${loop.id}/summary`,
        `/api/loops/${loop.id}/packet`,
        `/api/loops/${loop.id}/packet?format=markdown`,
        `/api/loops/${loop.id}/packet?format=pdf`,
        `/api/loops/${loop.id}/packet?format=html&redact=interviewers`,
      ];
      for (const key of ['hiringManager', 'adminShadow']) {
        for (const url of blocked) {
          const response = await api(key).get(url);
          expect({ key, url, status: response.status, code: response.body?.code }).toEqual({ key, url, status: 403, code: 'SUBMIT_YOURS_FIRST' });
        }
        const csv = await api(key).get(`/api/positions/${positionId}/scorecards?format=csv`).expect(200);
        expect(csv.text).not.toContain(loop.id);
        expect(csv.text).toContain(elsewhere.id);
      }
      // Staff who are not on the loop read it all.
      await api('recruiter').get(`/api/loops/${loop.id}/scorecards`).expect(200);
      await api('recruiter').get(`/api/loops/${loop.id}/summary`).expect(200);
      await api('recruiter').get(`/api/loops/${loop.id}/packet?format=markdown`).expect(200);
      expect((await api('recruiter').get(`/api/positions/${positionId}/scorecards?format=csv`).expect(200)).text).toContain(loop.id);

      await submit('hiringManager', loop.rounds[1]!);
      await submit('adminShadow', loop.rounds[0]!);
      for (const key of ['hiringManager', 'adminShadow']) {
        const cards = (await api(key).get(`/api/loops/${loop.id}/scorecards`).expect(200)).body.items;
        expect(cards.map((card: { authorId: string }) => card.authorId).sort()).toEqual([user('i1'), user('hiringManager')].sort());
        await api(key).get(`/api/loops/${loop.id}/scorecards?format=csv`).expect(200);
        expect((await api(key).get(`/api/loops/${loop.id}/summary`).expect(200)).body.tally.yes).toBe(2);
        expect((await api(key).get(`/api/loops/${loop.id}/packet?format=markdown`).expect(200)).text).toContain('Sam Lee');
        expect((await api(key).get(`/api/positions/${positionId}/scorecards?format=csv`).expect(200)).text).toContain(loop.id);
      }
    });
  });

  describe('the decision gate', () => {
    it('refuses a decision on a loop with no submitted scorecard, even with no scheduled round, unless forced with a note', async () => {
      const unstaffed = await newLoop([null, null]);
      const empty = await createCandidateLoop(api('recruiter'), { name: 'No Rounds' }, { positionId });
      for (const loop of [unstaffed, empty]) {
        const refused = await api('hiringManager').post(`/api/loops/${loop.id}/decision`).send({ decision: 'hire', note: 'Looks good' }).expect(409);
        expect(refused.body).toMatchObject({ code: 'SCORECARDS_MISSING', details: { rounds: [], submittedCount: 0 } });
        await api('hiringManager').post(`/api/loops/${loop.id}/decision`).send({ decision: 'hire', force: true }).expect(400);
        expect((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.status).not.toBe('decided');
      }
      const forced = await api('hiringManager')
        .post(`/api/loops/${empty.id}/decision`)
        .send({ decision: 'no_hire', force: true, note: 'Withdrew before any interview' })
        .expect(200);
      expect(forced.body).toMatchObject({ decision: 'no_hire', forced: true, missingRoundIds: [] });
    });

    it('counts only interviewers’ scorecards: a shadow’s alone does not open the gate', async () => {
      const loop = await newLoop([{ interviewer: 'i1', shadows: ['trainee'] }, null]);
      await submit('trainee', loop.rounds[0]!);
      const refused = await api('admin').post(`/api/loops/${loop.id}/decision`).send({ decision: 'hire' }).expect(409);
      expect(refused.body.details.rounds).toEqual([expect.objectContaining({ roundId: loop.rounds[0]!.id, interviewerId: user('i1') })]);
    });
  });
});

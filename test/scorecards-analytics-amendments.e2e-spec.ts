import { CalibrationSnapshots, pearson, type PlantedTruth } from '@loopwright/scorecards';
import { as, createCandidate, createLoop, createLoopTemplate, createPosition, insertPlantedHistory, LOOP_TEAM, patchRound, qualify, ratingsByKey, submitScorecard, teamSuite, timeSlot } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const slot = (day: number, hour: number) => timeSlot(Date.UTC(2025, 4, 5), day, hour);

interface LoopBody {
  id: string;
  rounds: { id: string }[];
}

interface PillarCell {
  pillar: { key: string };
  count: number;
  meanRating: number | null;
  organizationMean: number | null;
  offset: number | null;
  confidenceInterval: { low: number; high: number } | null;
  enoughData: boolean;
  strongShare: number | null;
}

interface InterviewerItem {
  interviewer: { id: string };
  submitted: number;
  pillars: PillarCell[];
}

/**
 * Two decided loops, each with i1 (foundations + coding, a trainee shadowing) and i2 (foundations); one foundations
 * question asked in every scorecard. Submitted values, then amended ones (the last amendment of a pillar wins):
 *
 *            loop 1 (hire)                         loop 2 (no_hire)
 *   i1  F  yes(3) → strong_no → [rec only] → strong_yes(4)   strong_yes(4) → no(2)
 *       C  no(2), never amended                   yes(3)
 *   i2  F  no(2) → strong_no(1)                   strong_no(1)
 *   trainee (shadow): strong ratings on everything, amended too — never counted.
 */
describe('analytics: amended scorecards count as amended, shadows never', () => {
  const suite = teamSuite(LOOP_TEAM);
  const { api, user } = suite;
  let questionId: string;
  const loops: LoopBody[] = [];

  const newLoop = async (day: number): Promise<LoopBody> => {
    const templateId = (
      await createLoopTemplate(
        api('admin'),
        [
          { title: 'Foundations and coding', pillarIds: [suite.pillars.foundations, suite.pillars.coding], questionCount: 1 },
          { title: 'Foundations', pillarIds: [suite.pillars.foundations], questionCount: 1 },
        ],
        `Amended ${randomUUID().slice(0, 6)}`,
      )
    ).id;
    const candidateId = await createCandidate(api('recruiter'), { name: `Candidate ${day}` });
    const positionId = await createPosition(api('admin'), { title: `Engineer ${day}`, roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
    const loop = await createLoop(api('recruiter'), { candidateId, positionId, templateId });
    await patchRound(api('recruiter'), loop, 0, { interviewerId: user('i1'), shadowInterviewerIds: [user('trainee')], ...slot(day, 9) }).expect(200);
    await patchRound(api('recruiter'), loop, 1, { interviewerId: user('i2'), ...slot(day, 11) }).expect(200);
    return loop;
  };

  const submit = (key: string, roundId: string, ratings: Record<string, string>, recommendation: string): Promise<void> =>
    submitScorecard(api(key), roundId, {
      ratings: ratingsByKey(suite.pillars, ratings, (pillarKey) => `evidence for ${pillarKey}`),
      questionsAsked: [{ questionId, notes: 'asked' }],
      recommendation,
      summary: `Summary by ${key}: long enough to submit.`,
    });

  const amend = (key: string, roundId: string, change: { ratings?: Record<string, string>; recommendation?: string }) =>
    api(key)
      .post(`/api/rounds/${roundId}/scorecard/amendments`)
      .send({
        reason: 'Re-read my notes',
        ...(change.ratings ? { ratings: ratingsByKey(suite.pillars, change.ratings, () => 'amended') } : {}),
        ...(change.recommendation ? { recommendation: change.recommendation } : {}),
      })
      .expect(201);

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('i1'), user('i2')]);
    await qualify(api('admin'), suite.pillars, [user('trainee')], 'shadow');
    questionId = (await api('admin').get(`/api/questions?pillar=foundations&limit=1`).expect(200)).body.items[0].id;

    loops.push(await newLoop(0), await newLoop(1));
    const [first, second] = loops as [LoopBody, LoopBody];

    await submit('i1', first.rounds[0]!.id, { foundations: 'yes', coding: 'no' }, 'yes');
    await submit('i2', first.rounds[1]!.id, { foundations: 'no' }, 'no');
    await submit('trainee', first.rounds[0]!.id, { foundations: 'strong_yes', coding: 'strong_yes' }, 'strong_yes');
    await amend('i1', first.rounds[0]!.id, { ratings: { foundations: 'strong_no' } });
    await amend('i1', first.rounds[0]!.id, { recommendation: 'no' });
    await amend('i1', first.rounds[0]!.id, { ratings: { foundations: 'strong_yes' } });
    await amend('i2', first.rounds[1]!.id, { ratings: { foundations: 'strong_no' } });
    await amend('trainee', first.rounds[0]!.id, { ratings: { foundations: 'strong_no' } });

    await submit('i1', second.rounds[0]!.id, { foundations: 'strong_yes', coding: 'yes' }, 'strong_yes');
    await submit('i2', second.rounds[1]!.id, { foundations: 'strong_no' }, 'strong_no');
    await submit('trainee', second.rounds[0]!.id, { foundations: 'strong_yes', coding: 'strong_yes' }, 'strong_yes');
    await amend('i1', second.rounds[0]!.id, { ratings: { foundations: 'no' } });

    await api('hiringManager').post(`/api/loops/${first.id}/decision`).send({ decision: 'hire' }).expect(200);
    await api('hiringManager').post(`/api/loops/${second.id}/decision`).send({ decision: 'no_hire' }).expect(200);
  });

  it('interviewer calibration uses the amended ratings and leaves the shadow out', async () => {
    const body = (await api('admin').get('/api/analytics/interviewers?minCount=2').expect(200)).body as {
      minCount: number;
      items: InterviewerItem[];
    };
    expect(body.minCount).toBe(2);
    expect(body.items.map((item) => item.interviewer.id).sort()).toEqual([user('i1'), user('i2')].sort());
    const cell = (key: string, pillarKey: string): PillarCell =>
      body.items.find((item) => item.interviewer.id === user(key))!.pillars.find((row) => row.pillar.key === pillarKey)!;

    expect(body.items.find((item) => item.interviewer.id === user('i1'))!.submitted).toBe(2);
    expect(body.items.find((item) => item.interviewer.id === user('i2'))!.submitted).toBe(2);
    // Foundations, amended: i1 [4, 2], i2 [1, 1]; organization mean 2 (submitted values would give 3.5, 1.5 and 2.5).
    expect(cell('i1', 'foundations')).toMatchObject({
      pillar: expect.objectContaining({ key: 'foundations' }),
      count: 2,
      meanRating: 3,
      organizationMean: 2,
      offset: 1,
      // 1 ± 1.96 · sd(4, 2)/√2 = 1 ± 1.96
      confidenceInterval: { low: -0.96, high: 2.96 },
      enoughData: true,
      strongShare: 0.5,
    });
    expect(cell('i2', 'foundations')).toMatchObject({
      pillar: expect.objectContaining({ key: 'foundations' }),
      count: 2,
      meanRating: 1,
      organizationMean: 2,
      offset: -1,
      confidenceInterval: { low: -1, high: -1 },
      enoughData: true,
      strongShare: 1,
    });
    // Coding was never amended: the submitted [2, 3]; the shadow's strong_yes ratings are not in the organization mean.
    expect(cell('i1', 'coding')).toMatchObject({ count: 2, meanRating: 2.5, organizationMean: 2.5, offset: 0, strongShare: 0 });
  });

  it('question analytics use the amended ratings and leave the shadow out', async () => {
    const body = (await api('hiringManager').get('/api/analytics/questions?minCount=4').expect(200)).body;
    const item = body.items.find((row: { question: { id: string } }) => row.question.id === questionId);
    // Amended foundations ratings [4, 1 | 2, 1] against decisions [hire, hire | no_hire, no_hire]:
    // mean 2, r = 1/√6 (the submitted values [3, 2 | 4, 1] would give mean 2.5 and r = 0).
    expect(item).toMatchObject({
      question: { id: questionId, title: expect.any(String), pillarId: suite.pillars.foundations },
      timesAsked: 4,
      ratedCount: 4,
      meanRating: 2,
      decided: { count: 4, hires: 2, noHires: 2 },
      correlation: 0.408,
    });
    // Below the minimum count the correlation is withheld, not computed on too little.
    const strict = (await api('hiringManager').get('/api/analytics/questions?minCount=5').expect(200)).body;
    expect(strict.items.find((row: { question: { id: string } }) => row.question.id === questionId).correlation).toBeNull();
  });

  it('the debrief tally counts the amended recommendation', async () => {
    const summary = (await api('hiringManager').get(`/api/loops/${loops[0]!.id}/summary`).expect(200)).body;
    // i1 amended yes → no; i2 no; the trainee's strong_yes is a shadow's.
    expect(summary.tally).toEqual({ strong_no: 0, no: 2, yes: 0, strong_yes: 0 });
  });

  /**
   * A planted truth (12 interviewers with known leniency, 150 candidates, 2 questions per round rated on their own,
   * 2 useless questions, 1 leaked one; fixed seed) bulk-inserted into a team of its own; the analytics routes fit it
   * on first read.
   */
  describe('calibration on a planted truth', () => {
    let truth: PlantedTruth;
    let ids: Map<string, string>;
    let organizationId: string;
    let admin: ReturnType<typeof as>;

    beforeAll(async () => {
      const history = await insertPlantedHistory(suite.testApp);
      ({ truth, ids } = history);
      organizationId = history.team.organization.id;
      admin = as(suite.testApp, history.team.users.admin!);
    }, 120_000);

    it('finds the planted leniency, the useless questions and the leak, and flags no clean question', async () => {
      const interviewers = (await admin.get('/api/analytics/interviewers').expect(200)).body as {
        computedAt: string;
        items: { interviewer: { id: string }; overall: { adjustedOffset: number; enoughData: boolean } }[];
      };
      expect(Date.parse(interviewers.computedAt)).not.toBeNaN();
      const byId = new Map(interviewers.items.map((item) => [item.interviewer.id, item.overall]));
      const planted = truth.interviewers.map((name) => truth.pillars.reduce((sum, pillar) => sum + truth.leniency.get(`${name} ${pillar}`)!, 0) / truth.pillars.length);
      const adjusted = truth.interviewers.map((name) => byId.get(ids.get(name)!)!.adjustedOffset);
      expect(pearson(adjusted, planted)).toBeGreaterThanOrEqual(0.9);
      expect(truth.interviewers.every((name) => byId.get(ids.get(name)!)!.enoughData)).toBe(true);

      const questions = (await admin.get('/api/analytics/questions').expect(200)).body as {
        items: { question: { id: string }; lowSignal: boolean; signalRank: number; ownRatings: number; possibleLeak: { since: string; effect: number; pValue: number } | null }[];
      };
      const signal = new Map(questions.items.map((item) => [item.question.id, item]));
      const useless = [...truth.useless].map((name) => signal.get(ids.get(name)!)!);
      const clean = truth.questions.filter((name) => !truth.useless.has(name)).map((name) => signal.get(ids.get(name)!)!);
      expect(useless.map((item) => item.lowSignal)).toEqual([true, true]);
      expect(useless.map((item) => item.signalRank).sort()).toEqual([7, 8]);
      expect(clean.filter((item) => item.lowSignal)).toEqual([]);
      const leaked = signal.get(ids.get(truth.leaked)!)!;
      expect(leaked.possibleLeak).not.toBeNull();
      expect(leaked.possibleLeak!.effect).toBeGreaterThan(0.5);
      expect(Math.abs(Date.parse(leaked.possibleLeak!.since) - truth.leakSince)).toBeLessThan(60 * 86_400_000);
      expect(questions.items.filter((item) => item !== leaked && item.possibleLeak !== null)).toEqual([]);
      expect(leaked.ownRatings).toBeGreaterThan(100);
    });

    it('refits only when scorecards changed (the worker debounce)', async () => {
      const snapshots = suite.testApp.app.get(CalibrationSnapshots);
      const before = await snapshots.current(organizationId);
      await snapshots.refreshIfChanged(organizationId, suite.testApp.dataSource.manager);
      expect((await snapshots.current(organizationId)).computedAt).toEqual(before.computedAt);
      await suite.testApp.dataSource.query(`UPDATE scorecards SET submitted_at = submitted_at + interval '1 minute' WHERE id = (SELECT id FROM scorecards WHERE organization_id = $1 ORDER BY submitted_at DESC LIMIT 1)`, [organizationId]);
      await snapshots.refreshIfChanged(organizationId, suite.testApp.dataSource.manager);
      expect((await snapshots.current(organizationId)).computedAt.getTime()).toBeGreaterThanOrEqual(before.computedAt.getTime());
      expect((await snapshots.current(organizationId)).fingerprint).not.toEqual(before.fingerprint);
    });
  });
});

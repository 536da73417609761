import { AnalyticsSnapshots, CalibrationSnapshots } from '@loopwright/scorecards';
import { createCandidate, createLoop, createLoopTemplate, createPosition, LOOP_TEAM, patchRound, qualify, ratingsByKey, statementsDuring, submitScorecard, teamSuite, timeSlot } from '@loopwright/testing';

const slot = (day: number, hour: number) => timeSlot(Date.UTC(2025, 6, 7), day, hour);

/** Before every scorecard there is: a period filter that takes everything, so the answer is aggregated in SQL. */
const EVERYTHING = 'from=2000-01-01T00:00:00.000Z';

/**
 * The analytics routes read the organization's aggregates snapshot for unfiltered requests while it is current, and
 * recompute it first when the data changed; filtered requests aggregate in SQL. The answers are the same either way,
 * and a change the snapshot does not cover yet is never hidden.
 */
describe('analytics: the aggregates snapshot', () => {
  const suite = teamSuite(LOOP_TEAM);
  const { api, user } = suite;
  let questionId: string;
  let rounds: string[];
  let loopId: string;
  const organizationId = () => suite.team.organization.id;
  const snapshots = () => suite.testApp.app.get(AnalyticsSnapshots);
  const read = async (route: 'interviewers' | 'questions', query = '') => (await api('hiringManager').get(`/api/analytics/${route}?minCount=2${query ? `&${query}` : ''}`).expect(200)).body;
  const stored = async () =>
    (await suite.testApp.dataSource.query(`SELECT computed_at, fingerprint FROM analytics_snapshots WHERE organization_id = $1`, [organizationId()]))[0] as
      | { computed_at: Date; fingerprint: string }
      | undefined;
  const computedAt = async () => (await stored())?.computed_at;
  const snapshotStatements = async (route: 'interviewers' | 'questions') =>
    (await statementsDuring(() => read(route))).filter((statement) => statement.includes('analytics_snapshots') || statement.includes('jsonb_to_recordset') || statement.includes('percentile_cont'));

  const submit = (key: string, roundId: string, ratings: Record<string, string>, recommendation: string) =>
    submitScorecard(api(key), roundId, {
      ratings: ratingsByKey(suite.pillars, ratings, (pillarKey) => `evidence for ${pillarKey}`),
      questionsAsked: [{ questionId, notes: 'asked', rating: ratings.foundations }],
      recommendation,
      summary: `Summary by ${key}: long enough to submit.`,
    });

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('i1'), user('i2'), user('trainee')]);
    questionId = (await api('admin').get(`/api/questions?pillar=foundations&limit=1`).expect(200)).body.items[0].id;
    const templateId = (
      await createLoopTemplate(api('admin'), [
        { title: 'Foundations and coding', pillarIds: [suite.pillars.foundations!, suite.pillars.coding!], questionCount: 1 },
        { title: 'Foundations', pillarIds: [suite.pillars.foundations!], questionCount: 1 },
        { title: 'Foundations again', pillarIds: [suite.pillars.foundations!], questionCount: 1 },
      ])
    ).id;
    const candidateId = await createCandidate(api('recruiter'), { name: 'Snapshot Candidate' });
    const positionId = await createPosition(api('admin'), { title: 'Snapshot Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
    const loop = await createLoop(api('recruiter'), { candidateId, positionId, templateId });
    loopId = loop.id;
    rounds = loop.rounds.map((round: { id: string }) => round.id);
    await patchRound(api('recruiter'), loop, 0, { interviewerId: user('i1'), ...slot(0, 9) }).expect(200);
    await patchRound(api('recruiter'), loop, 1, { interviewerId: user('i2'), ...slot(0, 11) }).expect(200);
    await patchRound(api('recruiter'), loop, 2, { interviewerId: user('trainee'), ...slot(0, 14) }).expect(200);
    await submit('i1', rounds[0]!, { foundations: 'yes', coding: 'no' }, 'yes');
    await submit('i2', rounds[1]!, { foundations: 'strong_no' }, 'no');
  });

  it('makes the snapshot on the first read, then answers from it what SQL answers', async () => {
    expect(await computedAt()).toBeUndefined();
    const first = { interviewers: await read('interviewers'), questions: await read('questions') };
    expect(await computedAt()).toBeInstanceOf(Date);
    expect(first.interviewers).toEqual(await read('interviewers', EVERYTHING));
    expect(first.questions).toEqual(await read('questions', EVERYTHING));

    await snapshots().refresh(organizationId());
    expect(await read('interviewers')).toEqual(first.interviewers);
    expect(await read('questions')).toEqual(first.questions);
    // One read of the snapshot per request, no aggregation over the scorecards.
    expect(await snapshotStatements('interviewers')).toEqual([expect.stringContaining('FROM analytics_snapshots')]);
    expect(await snapshotStatements('questions')).toEqual([expect.stringContaining('FROM analytics_snapshots')]);
  });

  it('serves no stale figures: a submission, an amendment or a decision the snapshot misses is recomputed', async () => {
    const before = await read('interviewers');
    await submit('trainee', rounds[2]!, { foundations: 'strong_yes' }, 'strong_yes');
    const afterSubmission = await read('interviewers');
    expect(afterSubmission).not.toEqual(before);
    expect(afterSubmission).toEqual(await read('interviewers', EVERYTHING));

    await api('i2').post(`/api/rounds/${rounds[1]!}/scorecard/amendments`).send({ reason: 'Re-read my notes', ratings: ratingsByKey(suite.pillars, { foundations: 'no' }, () => 'amended') }).expect(201);
    const afterAmendment = await read('interviewers');
    expect(afterAmendment).not.toEqual(afterSubmission);
    expect(afterAmendment).toEqual(await read('interviewers', EVERYTHING));

    const questionsBefore = await read('questions');
    const calibration = suite.testApp.app.get(CalibrationSnapshots);
    const calibrationFingerprint = async () =>
      (await suite.testApp.dataSource.query(`SELECT fingerprint FROM calibration_snapshots WHERE organization_id = $1`, [organizationId()]))[0]?.fingerprint as string;
    await calibration.refreshIfChanged(organizationId(), suite.testApp.dataSource.manager);
    const calibratedBeforeDecision = await calibrationFingerprint();
    await api('hiringManager').post(`/api/loops/${loopId}/decision`).send({ decision: 'hire' }).expect(200);
    const afterDecision = await read('questions');
    expect(afterDecision.items[0].decided).not.toEqual(questionsBefore.items[0].decided);
    expect(afterDecision).toEqual(await read('questions', EVERYTHING));
    // The calibration fit reads the decisions too (a question's decision discrimination): a decision makes it refit.
    await calibration.refreshIfChanged(organizationId(), suite.testApp.dataSource.manager);
    expect(await calibrationFingerprint()).not.toEqual(calibratedBeforeDecision);
  });

  it('the worker recomputes only when the data changed, then the routes serve the new figures', async () => {
    // An hour, not a second: the fingerprint takes the latest update, and on a loaded machine the later scorecards may
    // have been saved more than a second after this one.
    await suite.testApp.dataSource.query(`UPDATE scorecards SET updated_at = updated_at + interval '1 hour' WHERE organization_id = $1 AND round_id = $2`, [organizationId(), rounds[0]!]);
    const stale = await stored();
    await snapshots().refreshIfChanged(organizationId(), suite.testApp.dataSource.manager);
    const refreshed = await stored();
    expect(refreshed!.fingerprint).not.toEqual(stale!.fingerprint);
    await snapshots().refreshIfChanged(organizationId(), suite.testApp.dataSource.manager);
    expect(await stored()).toEqual(refreshed);

    expect(await read('interviewers')).toEqual(await read('interviewers', EVERYTHING));
    expect(await read('questions')).toEqual(await read('questions', EVERYTHING));
    expect(await snapshotStatements('questions')).toEqual([expect.stringContaining('FROM analytics_snapshots')]);
  });

  it('filters are answered in SQL over their scope, not from the snapshot', async () => {
    const later = (await read('interviewers', 'from=2100-01-01T00:00:00.000Z')).items;
    expect(later).toEqual([]);
    await api('hiringManager').get('/api/analytics/questions?from=2030-01-01T00:00:00.000Z&to=2020-01-01T00:00:00.000Z').expect(400);
  });
});

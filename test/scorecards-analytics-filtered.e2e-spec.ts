import { createCandidate, createLoop, createLoopTemplate, createPosition, LOOP_TEAM, patchRound, qualify, ratingsByKey, submitScorecard, teamSuite, timeSlot } from '@loopwright/testing';

const slot = (day: number, hour: number) => timeSlot(Date.UTC(2025, 7, 4), day, hour);

/** The figures a filter changes, without the calibration snapshot's (which covers the whole organization whatever the filter). */
const interviewerFigures = (body: { items: Record<string, unknown>[] }) =>
  body.items.map(({ interviewer, submitted, onTimeRate, medianHoursToSubmit, pillars }) => ({
    interviewer,
    submitted,
    onTimeRate,
    medianHoursToSubmit,
    pillars: (pillars as Record<string, unknown>[]).map(({ pillar, count, meanRating, organizationMean, offset, confidenceInterval, enoughData, strongShare }) => ({
      pillar,
      count,
      meanRating,
      organizationMean,
      offset,
      confidenceInterval,
      enoughData,
      strongShare,
    })),
  }));
const questionFigures = (body: { items: Record<string, unknown>[] }) =>
  body.items.map(({ question, timesAsked, ratedCount, questionRatingCount, meanRating, decided, correlation }) => ({
    question,
    timesAsked,
    ratedCount,
    questionRatingCount,
    meanRating,
    decided,
    correlation,
  }));

/**
 * A filtered answer is what the unfiltered computation gives over the same scorecards: the organization's figures
 * while it had only position A's decided, amended loops, against the figures filtered to position A (or to before
 * position B's scorecards) once position B's are there too.
 */
describe('analytics: a filter answers as the whole organization would over its scope', () => {
  const suite = teamSuite(LOOP_TEAM);
  const { api, user } = suite;
  let questionId: string;
  let templateId: string;
  const positions: Record<'a' | 'b', string> = { a: '', b: '' };
  const read = async (route: 'interviewers' | 'questions', query = '') =>
    (await api('hiringManager').get(`/api/analytics/${route}?minCount=2${query ? `&${query}` : ''}`).expect(200)).body;

  /** A loop of position `position` whose two rounds i1 and i2 rate; the first round's scorecard amended when `amended`; decided unless `decision` is null. */
  const decidedLoop = async (position: 'a' | 'b', day: number, ratings: [string, string], decision: 'hire' | 'no_hire' | null, amended?: string): Promise<string> => {
    const candidateId = await createCandidate(api('recruiter'), { name: `Filtered ${position} ${day}` });
    const loop = await createLoop(api('recruiter'), { candidateId, positionId: positions[position], templateId });
    const rounds = loop.rounds.map((round: { id: string }) => round.id);
    await patchRound(api('recruiter'), loop, 0, { interviewerId: user('i1'), ...slot(day, 9) }).expect(200);
    await patchRound(api('recruiter'), loop, 1, { interviewerId: user('i2'), ...slot(day, 11) }).expect(200);
    for (const [index, key] of (['i1', 'i2'] as const).entries())
      await submitScorecard(api(key), rounds[index]!, {
        ratings: ratingsByKey(suite.pillars, { foundations: ratings[index]! }, () => 'evidence'),
        questionsAsked: [{ questionId, notes: 'asked', ...(index === 0 ? { rating: ratings[index] } : {}) }],
        recommendation: ratings[index]!,
        summary: `Summary by ${key}: long enough to submit.`,
      });
    if (amended)
      await api('i1')
        .post(`/api/rounds/${rounds[0]!}/scorecard/amendments`)
        .send({ reason: 'Re-read my notes', ratings: ratingsByKey(suite.pillars, { foundations: amended }, () => 'amended') })
        .expect(201);
    if (decision) await api('hiringManager').post(`/api/loops/${loop.id}/decision`).send({ decision }).expect(200);
    return loop.id;
  };

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('i1'), user('i2')]);
    questionId = (await api('admin').get(`/api/questions?pillar=foundations&limit=1`).expect(200)).body.items[0].id;
    templateId = (
      await createLoopTemplate(api('admin'), [
        { title: 'Foundations', pillarIds: [suite.pillars.foundations!], questionCount: 1 },
        { title: 'Foundations again', pillarIds: [suite.pillars.foundations!], questionCount: 1 },
      ])
    ).id;
    for (const key of ['a', 'b'] as const)
      positions[key] = await createPosition(api('admin'), { title: `Filtered ${key}`, roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
  });

  it('gives over a position, and over a period, the figures the whole organization gave when that was all of it', async () => {
    await decidedLoop('a', 0, ['yes', 'no'], 'hire', 'strong_yes');
    await decidedLoop('a', 1, ['strong_no', 'yes'], 'no_hire');
    await decidedLoop('a', 2, ['no', 'strong_yes'], 'hire', 'no');
    const whole = { interviewers: interviewerFigures(await read('interviewers')), questions: questionFigures(await read('questions')) };
    expect(whole.interviewers.map((item) => item.submitted)).toEqual([3, 3]);
    const beforeB = new Date().toISOString();

    await decidedLoop('b', 3, ['strong_yes', 'strong_yes'], 'hire');
    await decidedLoop('b', 4, ['strong_no', 'no'], 'no_hire', 'strong_yes');
    expect(interviewerFigures(await read('interviewers'))).not.toEqual(whole.interviewers);

    for (const filter of [`positionId=${positions.a}`, `to=${beforeB}`, `from=2000-01-01T00:00:00.000Z&to=${beforeB}`]) {
      expect(interviewerFigures(await read('interviewers', filter))).toEqual(whole.interviewers);
      expect(questionFigures(await read('questions', filter))).toEqual(whole.questions);
    }
    // And the other way round: position B alone is what came after.
    expect(interviewerFigures(await read('interviewers', `positionId=${positions.b}`))).toEqual(interviewerFigures(await read('interviewers', `from=${beforeB}`)));
    expect(questionFigures(await read('questions', `positionId=${positions.b}`))).toEqual(questionFigures(await read('questions', `from=${beforeB}`)));
  });

  it("leaves a position's cancelled loops out of its figures", async () => {
    const before = { interviewers: interviewerFigures(await read('interviewers', `positionId=${positions.a}`)), questions: questionFigures(await read('questions', `positionId=${positions.a}`)) };
    const loopId = await decidedLoop('a', 5, ['strong_no', 'strong_no'], null);
    expect(interviewerFigures(await read('interviewers', `positionId=${positions.a}`))).not.toEqual(before.interviewers);

    await api('recruiter').post(`/api/loops/${loopId}/cancel`).send({ reason: 'Withdrew' }).expect(200);
    expect(interviewerFigures(await read('interviewers', `positionId=${positions.a}`))).toEqual(before.interviewers);
    expect(questionFigures(await read('questions', `positionId=${positions.a}`))).toEqual(before.questions);
    // The organization's figures still count them, as they count every submitted scorecard.
    expect(interviewerFigures(await read('interviewers')).map((item) => item.submitted)).toEqual([6, 6]);
  });
});

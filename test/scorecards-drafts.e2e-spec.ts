import { Clock } from '@loopwright/core';
import { as, auditActions, createCandidateLoop, createFoundationsCodingTemplate, createPosition, patchRound, qualify, ROUND_STAFF_TEAM, submitScorecard, teamSuite, timeSlot } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const HOUR = 3_600_000;
const slot = (day: number, hour: number) => timeSlot(Date.UTC(2025, 0, 6), day, hour);

interface LoopBody {
  id: string;
  rounds: { id: string; pillarIds: string[]; questionIds: string[]; plannedQuestions: { questionId: string; version: number }[] }[];
}

describe('scorecards: drafts, submission, amendments and the blind rule', () => {
  const suite = teamSuite(ROUND_STAFF_TEAM, { environment: { QUERY_COUNTING: 'true' }, other: { admin: ['admin'] } });
  const { api, user } = suite;
  let loop: LoopBody;
  let otherLoop: LoopBody;
  let round0: string;
  let round1: string;

  const card = (key: string, roundId: string) => api(key).get(`/api/rounds/${roundId}/scorecard`);
  const complete = (pillarId: string) => ({
    ratings: [{ pillarId, rating: 'yes', notes: 'Explained the trade-offs with numbers.' }],
    recommendation: 'yes',
    summary: 'A thoughtful candidate with strong fundamentals.',
  });

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('interviewer'), user('interviewer2')]);
    await qualify(api('admin'), suite.pillars, [user('trainee')], 'shadow');
    const positionId = await createPosition(api('admin'), { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior', hiringManagerId: user('hiringManager') });
    const templateId = (await createFoundationsCodingTemplate(api('admin'), suite.pillars)).id;
    const newLoop = async (day: number): Promise<LoopBody> => {
      const created = await createCandidateLoop<LoopBody>(api('recruiter'), { name: 'Alex Kim' }, { positionId, templateId });
      await patchRound(api('recruiter'), created, 0, { interviewerId: user('interviewer'), shadowInterviewerIds: [user('trainee')], ...slot(day, 9) }).expect(200);
      await patchRound(api('recruiter'), created, 1, { interviewerId: user('interviewer2'), ...slot(day, 11) }).expect(200);
      return created;
    };
    // Scheduled the week before they take place: the due times count from the rounds' ends.
    const clock = suite.testApp.app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(Date.parse(slot(0, 0).startsAt) - 7 * 24 * HOUR);
    try {
      loop = await newLoop(0);
      otherLoop = await newLoop(1);
    } finally {
      clock.now = realNow;
    }
    round0 = loop.rounds[0]!.id;
    round1 = loop.rounds[1]!.id;
  });

  afterAll(async () => {
    delete process.env.QUERY_COUNTING;
  });

  it('creates an empty draft on first read by the round’s interviewer, with due times from the round’s end', async () => {
    const first = await card('interviewer', round0).expect(200);
    expect(first.body).toMatchObject({
      roundId: round0,
      loopId: loop.id,
      authorId: user('interviewer'),
      shadow: false,
      status: 'draft',
      version: 1,
      ratings: [],
      questionsAsked: [],
      recommendation: null,
      summary: null,
      submittedAt: null,
      amended: false,
      amendments: [],
      ratingDueAt: new Date(Date.parse(slot(0, 9).endsAt) + HOUR).toISOString(),
      writeupDueAt: new Date(Date.parse(slot(0, 9).endsAt) + 24 * HOUR).toISOString(),
    });
    const again = await card('interviewer', round0).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const view = await api('admin').get(`/api/loops/${loop.id}`).expect(200);
    expect(view.body.rounds[0].scorecardStatus).toBe('draft');
    expect(await auditActions(suite.testApp, suite.team.organization.id, first.body.id)).toEqual(['scorecard.created']);
  });

  it('gives a scorecard only to the round’s interviewer and shadows: 404 for others, 403 for staff, 404 across organizations', async () => {
    await card('interviewer2', round0).expect(404);
    const staff = await card('admin', round0).expect(403);
    expect(staff.body.code).toBe('FORBIDDEN');
    await card('hiringManager', round0).expect(403);
    await as(suite.testApp, suite.other.users.admin!).get(`/api/rounds/${round0}/scorecard`).expect(404);
    await as(suite.testApp, suite.other.users.admin!).put(`/api/rounds/${round0}/scorecard`).send({ version: 1 }).expect(404);
    await card('interviewer', randomUUID()).expect(404);
    const bad = await card('interviewer', 'not-a-uuid').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const shadow = await card('trainee', round0).expect(200);
    expect(shadow.body).toMatchObject({ shadow: true, authorId: user('trainee'), status: 'draft' });
    expect(shadow.body.id).not.toBe((await card('interviewer', round0).expect(200)).body.id);
  });

  it('saves partial drafts with the version they were based on, pinning planned question versions', async () => {
    const start = (await card('interviewer', round0).expect(200)).body;
    const plannedId = loop.rounds[0]!.questionIds[0]!;
    const saved = await api('interviewer')
      .put(`/api/rounds/${round0}/scorecard`)
      .send({
        version: start.version,
        ratings: [{ pillarId: suite.pillars.foundations, rating: null, notes: 'Still thinking' }],
        questionsAsked: [{ questionId: plannedId, notes: 'Went deep on attention' }],
      })
      .expect(200);
    expect(saved.body).toMatchObject({
      version: start.version + 1,
      status: 'draft',
      ratings: [{ pillarId: suite.pillars.foundations, rating: null, notes: 'Still thinking' }],
      questionsAsked: [{ questionId: plannedId, version: loop.rounds[0]!.plannedQuestions[0]!.version, notes: 'Went deep on attention' }],
      recommendation: null,
    });
    // Left-out fields are kept.
    const next = await api('interviewer').put(`/api/rounds/${round0}/scorecard`).send({ version: saved.body.version, recommendation: 'no' }).expect(200);
    expect(next.body).toMatchObject({ version: saved.body.version + 1, recommendation: 'no', ratings: saved.body.ratings });
    expect(next.body.questionsAsked).toHaveLength(1);
  });

  it('answers 400 naming the field for a pillar not of the round, a question of no organization of ours, and unknown fields', async () => {
    const { version } = (await card('interviewer', round0).expect(200)).body;
    const badPillar = await api('interviewer')
      .put(`/api/rounds/${round0}/scorecard`)
      .send({ version, ratings: [{ pillarId: suite.pillars.coding, rating: 'yes' }] })
      .expect(400);
    expect(badPillar.body.details.fields).toEqual([expect.objectContaining({ field: 'ratings.0.pillarId' })]);
    const badQuestion = await api('interviewer')
      .put(`/api/rounds/${round0}/scorecard`)
      .send({ version, questionsAsked: [{ questionId: randomUUID() }] })
      .expect(400);
    expect(badQuestion.body.details.fields).toEqual([expect.objectContaining({ field: 'questionsAsked.0.questionId' })]);
    const badRating = await api('interviewer')
      .put(`/api/rounds/${round0}/scorecard`)
      .send({ version, recommendation: 'not_assessed' })
      .expect(400);
    expect(badRating.body.code).toBe('VALIDATION_FAILED');
    await api('interviewer').put(`/api/rounds/${round0}/scorecard`).send({ version, hacked: true }).expect(400);
    expect((await card('interviewer', round0).expect(200)).body.version).toBe(version);
  });

  it('saves a draft in at most 4 SQL statements besides auth (3 when it wins), audited without the draft’s content', async () => {
    const { id, version } = (await card('interviewer', round0).expect(200)).body;
    const plannedId = loop.rounds[0]!.questionIds[0]!;
    const body = {
      version,
      ratings: [{ pillarId: suite.pillars.foundations, rating: 'yes', notes: 'secret evidence' }],
      questionsAsked: [{ questionId: plannedId, notes: 'asked it' }],
      recommendation: 'yes',
      summary: 'a private draft summary',
    };
    const saved = await api('interviewer').put(`/api/rounds/${round0}/scorecard`).send(body).expect(200);
    expect(Number(saved.headers['x-sql-statements'])).toBe(3);
    const stale = await api('interviewer').put(`/api/rounds/${round0}/scorecard`).send(body).expect(409);
    expect(Number(stale.headers['x-sql-statements'])).toBe(4);
    const events: { action: string; changes: unknown }[] = await suite.testApp.dataSource.query(
      `SELECT action, changes FROM audit_events WHERE entity_id = $1 AND action = 'scorecard.saved' ORDER BY at DESC`,
      [id],
    );
    expect(events[0]).toEqual({
      action: 'scorecard.saved',
      changes: {
        version: { before: version, after: version + 1 },
        fields: { before: null, after: ['ratings', 'questionsAsked', 'recommendation', 'summary'] },
      },
    });
    expect(JSON.stringify(events)).not.toMatch(/secret evidence|private draft/);
  });

  it('answers a stale version with 409 STALE_VERSION and the current scorecard', async () => {
    const { version } = (await card('interviewer', round0).expect(200)).body;
    await api('interviewer').put(`/api/rounds/${round0}/scorecard`).send({ version, summary: 'first writer' }).expect(200);
    const stale = await api('interviewer').put(`/api/rounds/${round0}/scorecard`).send({ version, summary: 'second writer' }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect(stale.body.details.current).toMatchObject({ version: version + 1, summary: 'first writer', status: 'draft' });
  });

  it('takes exactly one of 50 concurrent saves on one version; the others get 409 and nothing is lost', async () => {
    const { version } = (await card('interviewer', round0).expect(200)).body;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        api('interviewer').put(`/api/rounds/${round0}/scorecard`).send({ version, summary: `writer number ${index}` }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = responses.find((response) => response.status === 200)!;
    for (const loser of responses.filter((response) => response.status === 409)) {
      expect(loser.body.code).toBe('STALE_VERSION');
      expect(loser.body.details.current.version).toBe(version + 1);
    }
    const now = (await card('interviewer', round0).expect(200)).body;
    expect(now).toMatchObject({ version: version + 1, summary: winner.body.summary });
    const saves: { n: number }[] = await suite.testApp.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'scorecard.saved' AND (changes->'version'->>'after')::int = $2`,
      [now.id, version + 1],
    );
    expect(saves[0]!.n).toBe(1);
  });

  it('refuses to submit an incomplete scorecard, listing what is missing, and writes no audit event', async () => {
    const { id, version } = (await card('interviewer', round0).expect(200)).body;
    await api('interviewer')
      .put(`/api/rounds/${round0}/scorecard`)
      .send({ version, ratings: [{ pillarId: suite.pillars.foundations, rating: 'not_assessed', notes: '' }], recommendation: null, summary: 'short' })
      .expect(200);
    const refused = await api('interviewer').post(`/api/rounds/${round0}/scorecard/submit`).send({ version: version + 1 }).expect(400);
    expect(refused.body.code).toBe('SCORECARD_INCOMPLETE');
    expect(refused.body.details.missing).toEqual([
      { field: 'ratings', pillarId: suite.pillars.foundations, problem: expect.stringMatching(/note/) },
      { field: 'recommendation', problem: expect.any(String) },
      { field: 'summary', problem: expect.stringMatching(/20/) },
    ]);
    expect(await auditActions(suite.testApp, suite.team.organization.id, id)).not.toContain('scorecard.submitted');
    expect((await card('interviewer', round0).expect(200)).body.status).toBe('draft');
  });

  it('blind rule: an interviewer of the loop reads the others only after submitting their own', async () => {
    const refused = await api('interviewer').get(`/api/loops/${loop.id}/scorecards`).expect(403);
    expect(refused.body.code).toBe('SUBMIT_YOURS_FIRST');
    // Staff read submitted ones at any time: none yet, and never drafts.
    for (const key of ['admin', 'recruiter', 'hiringManager'])
      expect((await api(key).get(`/api/loops/${loop.id}/scorecards`).expect(200)).body).toEqual({ items: [], nextCursor: null });
    await as(suite.testApp, suite.other.users.admin!).get(`/api/loops/${loop.id}/scorecards`).expect(404);
  });

  it('submits a complete scorecard once: immutable afterwards, round status, question exposure and audit event', async () => {
    const plannedId = loop.rounds[0]!.questionIds[0]!;
    const before = (await api('admin').get(`/api/questions/${plannedId}`).expect(200)).body.stats.timesAsked;
    const { id, version } = (await card('interviewer', round0).expect(200)).body;
    const saved = await api('interviewer')
      .put(`/api/rounds/${round0}/scorecard`)
      .send({ version, ...complete(suite.pillars.foundations) })
      .expect(200);
    const stale = await api('interviewer').post(`/api/rounds/${round0}/scorecard/submit`).send({ version }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const submitted = await api('interviewer').post(`/api/rounds/${round0}/scorecard/submit`).send({ version: saved.body.version }).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', recommendation: 'yes', submittedAt: expect.any(String) });
    expect((await api('admin').get(`/api/loops/${loop.id}`).expect(200)).body.rounds[0].scorecardStatus).toBe('submitted');
    expect((await api('admin').get(`/api/questions/${plannedId}`).expect(200)).body.stats.timesAsked).toBe(before + 1);
    expect((await auditActions(suite.testApp, suite.team.organization.id, id))[0]).toBe('scorecard.submitted');

    const again = await api('interviewer').post(`/api/rounds/${round0}/scorecard/submit`).send({ version: submitted.body.version }).expect(409);
    expect(again.body.code).toBe('SCORECARD_SUBMITTED');
    const edit = await api('interviewer')
      .put(`/api/rounds/${round0}/scorecard`)
      .send({ version: submitted.body.version, summary: 'Changing my mind after the fact.' })
      .expect(409);
    expect(edit.body.code).toBe('SCORECARD_SUBMITTED');
    expect((await card('interviewer', round0).expect(200)).body).toMatchObject({ summary: submitted.body.summary, version: submitted.body.version });
  });

  it('blind rule: after submitting, the interviewer reads the submitted ones, never the others’ drafts', async () => {
    const { version } = (await card('interviewer2', round1).expect(200)).body;
    await api('interviewer2')
      .put(`/api/rounds/${round1}/scorecard`)
      .send({ version, summary: 'my private draft notes about the candidate' })
      .expect(200);
    const mine = await api('interviewer').get(`/api/loops/${loop.id}/scorecards`).expect(200);
    expect(mine.body.items.map((item: { authorId: string }) => item.authorId)).toEqual([user('interviewer')]);
    expect(JSON.stringify(mine.body)).not.toContain('private draft');
    for (const key of ['admin', 'hiringManager']) {
      const staff = await api(key).get(`/api/loops/${loop.id}/scorecards`).expect(200);
      expect(staff.body.items).toHaveLength(1);
      expect(JSON.stringify(staff.body)).not.toContain('private draft');
    }
    expect((await api('interviewer2').get(`/api/loops/${loop.id}/scorecards`).expect(403)).body.code).toBe('SUBMIT_YOURS_FIRST');
    // A shadow of another loop who has not submitted there is refused there too.
    expect((await api('trainee').get(`/api/loops/${otherLoop.id}/scorecards`).expect(403)).body.code).toBe('SUBMIT_YOURS_FIRST');
  });

  it('keeps shadows’ scorecards out of the list unless includeShadows=true', async () => {
    await submitScorecard(api('trainee'), round0, complete(suite.pillars.foundations));
    const without = await api('admin').get(`/api/loops/${loop.id}/scorecards`).expect(200);
    expect(without.body.items.map((item: { shadow: boolean }) => item.shadow)).toEqual([false]);
    const withShadows = await api('admin').get(`/api/loops/${loop.id}/scorecards?includeShadows=true`).expect(200);
    expect(withShadows.body.items.map((item: { shadow: boolean }) => item.shadow)).toEqual([false, true]);
    const view = await api('admin').get(`/api/loops/${loop.id}`).expect(200);
    expect(view.body.rounds[0].scorecardStatus).toBe('submitted');
  });

  it('amends a submitted scorecard by its author only; the submitted values stay, the effective ones change', async () => {
    const original = (await card('interviewer', round0).expect(200)).body;
    const amended = await api('interviewer')
      .post(`/api/rounds/${round0}/scorecard/amendments`)
      .send({ reason: 'Re-read my notes', ratings: [{ pillarId: suite.pillars.foundations, rating: 'strong_yes', notes: 'Better than I wrote' }], recommendation: 'strong_yes' })
      .expect(201);
    expect(amended.body).toMatchObject({
      status: 'submitted',
      version: original.version,
      ratings: original.ratings,
      recommendation: 'yes',
      amended: true,
      amendments: [{ sequence: 1, reason: 'Re-read my notes', recommendation: 'strong_yes', authorId: user('interviewer') }],
      effective: {
        ratings: [{ pillarId: suite.pillars.foundations, rating: 'strong_yes', notes: 'Better than I wrote' }],
        recommendation: 'strong_yes',
        summary: original.summary,
      },
    });
    expect((await auditActions(suite.testApp, suite.team.organization.id, original.id))[0]).toBe('scorecard.amended');
    const listed = await api('admin').get(`/api/loops/${loop.id}/scorecards`).expect(200);
    expect(listed.body.items[0]).toMatchObject({ amended: true, effective: { recommendation: 'strong_yes' } });

    // Not the author: a staff member gets 403, another interviewer of the loop 404, another organization 404.
    const body = { reason: 'I disagree', recommendation: 'strong_no' };
    expect((await api('admin').post(`/api/rounds/${round0}/scorecard/amendments`).send(body).expect(403)).body.code).toBe('FORBIDDEN');
    await api('interviewer2').post(`/api/rounds/${round0}/scorecard/amendments`).send(body).expect(404);
    await as(suite.testApp, suite.other.users.admin!).post(`/api/rounds/${round0}/scorecard/amendments`).send(body).expect(404);
    // A draft takes no amendments; a reason is required; an amendment must change something.
    expect((await api('interviewer2').post(`/api/rounds/${round1}/scorecard/amendments`).send(body).expect(409)).body.code).toBe('SCORECARD_NOT_SUBMITTED');
    await api('interviewer').post(`/api/rounds/${round0}/scorecard/amendments`).send({ recommendation: 'no' }).expect(400);
    await api('interviewer').post(`/api/rounds/${round0}/scorecard/amendments`).send({ reason: 'nothing' }).expect(400);
    const after = (await card('interviewer', round0).expect(200)).body;
    expect(after.amendments).toHaveLength(1);
    expect((await auditActions(suite.testApp, suite.team.organization.id, original.id)).filter((action) => action !== 'scorecard.saved')).toEqual([
      'scorecard.amended',
      'scorecard.submitted',
      'scorecard.created',
    ]);
  });

  it('reaches no scorecard of another loop or round by changing ids in the URL', async () => {
    // interviewer2 is on otherLoop's round 1, not round 0: they cannot read or write round 0's scorecard there.
    await card('interviewer2', otherLoop.rounds[0]!.id).expect(404);
    await api('interviewer2').put(`/api/rounds/${otherLoop.rounds[0]!.id}/scorecard`).send({ version: 1 }).expect(404);
    // Their own scorecard of otherLoop is a different one from this loop's.
    const a = (await card('interviewer2', otherLoop.rounds[1]!.id).expect(200)).body;
    const b = (await card('interviewer2', round1).expect(200)).body;
    expect(a.id).not.toBe(b.id);
    expect(a.loopId).toBe(otherLoop.id);
    expect(a.summary).toBeNull();
  });

  it('exports the loop’s scorecards as CSV with proper quoting', async () => {
    await submitScorecard(api('interviewer2'), round1, {
      ratings: [{ pillarId: suite.pillars.coding, rating: 'no', notes: 'Said "it works", shipped no tests\nat all' }],
      recommendation: 'no',
      summary: '=SUM(A1:A2) and, frankly, not ready yet',
    });
    const csv = await api('recruiter').get(`/api/loops/${loop.id}/scorecards?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename=".*\.csv"/);
    expect(csv.text.split('\r\n')[0]).toBe('loopId,roundId,round,interviewer,shadow,pillar,rating,submittedRating,notes,recommendation,summary,submittedAt,amended,amendmentReasons');
    expect(csv.text).toContain('"Said ""it works"", shipped no tests\nat all"');
    expect(csv.text).toContain(`"'=SUM(A1:A2) and, frankly, not ready yet"`);
    expect(csv.text).not.toContain('private draft');
    const position = await api('admin').get(`/api/positions/${(await api('admin').get(`/api/loops/${loop.id}`)).body.positionId}/scorecards?format=csv`).expect(200);
    expect(position.headers['content-type']).toMatch(/^text\/csv/);
    expect(position.text.split('\r\n').filter(Boolean).length).toBeGreaterThanOrEqual(3);
    await api('interviewer').get(`/api/positions/${randomUUID()}/scorecards`).expect(403);
    await api('admin').get(`/api/positions/${randomUUID()}/scorecards`).expect(404);
  });
});

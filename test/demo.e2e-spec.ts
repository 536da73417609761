import { DEMO_MEMBERS, DEMO_PASSWORD } from '@loopwright/identity';
import { createFreshDatabase, createTestApp, type TestApp } from '@loopwright/testing';

/** The demo organization a first start seeds, as its members see it: one app on one fresh database for every feature. */
describe('the demo team', () => {
  let demo: TestApp;
  const tokens: Record<string, string> = {};
  const get = (key: string, url: string) => demo.http().get(url).set('Authorization', `Bearer ${tokens[key]}`);

  beforeAll(async () => {
    demo = await createTestApp({ DATABASE_URL: await createFreshDatabase(), SEED_DEMO: 'true' });
    for (const member of DEMO_MEMBERS) {
      tokens[member.key] = (await demo.http().post('/api/auth/login').send({ email: member.email, password: DEMO_PASSWORD }).expect(200)).body.token;
    }
  });

  afterAll(async () => {
    process.env.SEED_DEMO = 'false';
    await demo.close();
  });

  it('loops: has a position of the demo hiring manager, two candidates, one loop in progress staffed with qualified interviewers and a phone screen held today', async () => {
    const me = async (key: string): Promise<{ id: string }> => (await get(key, '/api/me').expect(200)).body;
    const hiringManager = await me('hiringManager');
    const positions = await get('recruiter', '/api/positions').expect(200);
    expect(positions.body.items).toEqual([
      expect.objectContaining({ title: 'Senior AI Engineer', hiringManagerId: hiringManager.id, status: 'open' }),
    ]);
    const candidates = await get('recruiter', '/api/candidates').expect(200);
    expect(candidates.body.items.map((item: { name: string }) => item.name).sort()).toEqual(['Jordan Rivera', 'Sam Patel']);
    const loops = await get('recruiter', '/api/loops').expect(200);
    expect(loops.body.items.map((item: { candidate: { name: string } }) => item.candidate.name).sort()).toEqual(['Jordan Rivera', 'Sam Patel']);
    const jordanLoop = loops.body.items.find((item: { candidate: { name: string } }) => item.candidate.name === 'Jordan Rivera');
    const loop = await get('hiringManager', `/api/loops/${jordanLoop.id}`).expect(200);
    expect(loop.body).toMatchObject({ status: 'in_review', candidate: { name: 'Jordan Rivera' }, missingPillars: [] });
    expect(loop.body.rounds).toHaveLength(4);
    const interviewers = new Set<string>();
    for (const round of loop.body.rounds) {
      expect(round.interviewerId).toEqual(expect.any(String));
      expect(round.startsAt).toEqual(expect.any(String));
      expect(round.questionIds.length).toBeGreaterThan(0);
      interviewers.add(round.interviewerId);
    }
    expect(interviewers.size).toBe(4);
    // Every interviewer is qualified for their round: the rules pass for a no-op re-check of each (same assignment).
    const admin = await get('admin', `/api/users?role=interviewer&limit=50`).expect(200);
    const levels = new Map<string, Map<string, string>>(
      admin.body.items.map((user: { id: string; qualifications: { pillarId: string; level: string }[] }) => [
        user.id,
        new Map(user.qualifications.map((item) => [item.pillarId, item.level])),
      ]),
    );
    for (const round of loop.body.rounds)
      for (const pillarId of round.pillarIds) expect(levels.get(round.interviewerId)?.get(pillarId)).toBe('qualified');
    // The interviewers see their rounds and kits.
    const assignments = await get('interviewer', '/api/me/assignments').expect(200);
    expect(assignments.body.items).toEqual([
      expect.objectContaining({ candidate: expect.objectContaining({ name: 'Sam Patel' }), title: 'Phone screen: ML foundations', upcoming: false, scorecardStatus: 'not_started' }),
      expect.objectContaining({ candidate: { id: loop.body.candidateId, name: 'Jordan Rivera' }, upcoming: false }),
    ]);
    const kit = await get('interviewer', `/api/rounds/${assignments.body.items[0].roundId}/kit`).expect(200);
    expect(kit.body.questions.length).toBeGreaterThan(0);
    // Two loop templates, as every organization has.
    expect((await get('hiringManager', '/api/loop-templates').expect(200)).body.items.map((item: { name: string }) => item.name)).toEqual([
      'AI Engineer onsite',
      'ML Engineer onsite',
    ]);
  });

  it('scorecards: has a submitted and a draft scorecard on the demo loop’s held rounds, so the summary and analytics show something', async () => {
    const loops = await get('hiringManager', '/api/loops').expect(200);
    const loopId = loops.body.items.find((item: { candidate: { name: string } }) => item.candidate.name === 'Jordan Rivera').id;
    const loop = (await get('hiringManager', `/api/loops/${loopId}`).expect(200)).body;
    expect(loop.rounds.map((round: { scorecardStatus: string }) => round.scorecardStatus)).toEqual(['submitted', 'draft', 'not_started', 'not_started']);
    // The demo manager also interviews on this loop (the behavioral round, tomorrow): blind until theirs is submitted.
    for (const url of [`/api/loops/${loopId}/summary`, `/api/loops/${loopId}/scorecards`, `/api/loops/${loopId}/packet?format=markdown`])
      expect((await get('hiringManager', url).expect(403)).body.code).toBe('SUBMIT_YOURS_FIRST');
    const summary = (await get('recruiter', `/api/loops/${loopId}/summary`).expect(200)).body;
    expect(summary.pillars[0]).toMatchObject({ pillar: { key: 'foundations' }, mean: 4 });
    expect(summary.tally.yes).toBe(1);
    expect(summary.missing.length).toBeGreaterThanOrEqual(1);
    const cards = (await get('admin', `/api/loops/${loopId}/scorecards`).expect(200)).body.items;
    expect(cards).toHaveLength(1);
    expect(cards[0].questionsAsked.length).toBeGreaterThan(0);
    expect(cards[0].questionsAsked[0]).toMatchObject({ title: expect.any(String), version: expect.any(Number) });
    const analytics = (await get('admin', '/api/analytics/interviewers').expect(200)).body;
    expect(analytics.items).toHaveLength(1);
    // The draft's author sees it; the submitted one's author sees theirs.
    const draftRound = loop.rounds[1];
    const mine = (await get('interviewer2', `/api/rounds/${draftRound.id}/scorecard`).expect(200)).body;
    expect(mine).toMatchObject({ status: 'draft', recommendation: 'yes' });
  });
});

import { DEMO_MEMBERS, DEMO_PASSWORD } from '@loopwright/identity';
import { createFreshDatabase, createTestApp, type TestApp } from '@loopwright/testing';

describe('scorecards: the demo team', () => {
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

  it('has a submitted and a draft scorecard on the demo loop’s held rounds, so the summary and analytics show something', async () => {
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

import { DEMO_MEMBERS, DEMO_PASSWORD } from '@loopwright/identity';
import { createFreshDatabase, createTestApp, type TestApp } from '@loopwright/testing';

describe('loops: the demo team', () => {
  let demo: TestApp;
  const tokens: Record<string, string> = {};
  const get = (key: string, url: string) => demo.http().get(url).set('Authorization', `Bearer ${tokens[key]}`);

  beforeAll(async () => {
    demo = await createTestApp({ DATABASE_URL: await createFreshDatabase(), SEED_DEMO: 'true' });
    for (const member of DEMO_MEMBERS) {
      tokens[member.key] = (
        await demo.http().post('/api/auth/login').send({ email: member.email, password: DEMO_PASSWORD }).expect(200)
      ).body.token;
    }
  });

  afterAll(async () => {
    process.env.SEED_DEMO = 'false';
    await demo.close();
  });

  it('has a position of the demo hiring manager, two candidates, one loop in progress staffed with qualified interviewers and a phone screen held today', async () => {
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
});

import { as, createCandidateLoop, createLoopTemplate, createPosition, createTeam, createTestApp, patchRound, pillarIdsByKey, qualify, submitScorecard, type TestApp, type TestTeam, timeSlot } from '@loopwright/testing';

const slot = (hour: number) => timeSlot(Date.UTC(2025, 2, 3), 0, hour);

/** The packet route reuses a render for an identical packet only: what changes it, and who reads it, make another. */
describe('packets: a rendered packet reused only while it is the same packet', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;
  let loopId: string;
  let otherLoopId: string;
  let roundId: string;
  let pillarId: string;

  const api = (key: string) => as(testApp, team.users[key]!);
  const user = (key: string): string => team.users[key]!.id;
  const packet = async (caller = api('admin'), id = loopId): Promise<string> => (await caller.get(`/api/loops/${id}/packet?format=markdown`).expect(200)).text;

  /** A loop of one round, its interviewer `grace` (who submits), in a new organization's team. */
  async function loopOf(of: TestTeam): Promise<{ loopId: string; roundId: string; pillarId: string }> {
    const caller = as(testApp, of.users.admin!);
    const pillars = await pillarIdsByKey(caller);
    await qualify(caller, pillars, [of.users.grace!.id]);
    const positionId = await createPosition(caller, { title: 'ML Engineer', roleFamily: 'ml_engineer', level: 'staff', hiringManagerId: of.users.hiringManager!.id });
    const templateId = (await createLoopTemplate(caller, [{ title: 'Coding', pillarIds: [pillars.coding!], questionCount: 1 }])).id;
    const loop = await createCandidateLoop(caller, { name: 'Margaret Hamilton' }, { positionId, templateId });
    await patchRound(caller, loop, 0, { interviewerId: of.users.grace!.id, ...slot(9) }).expect(200);
    return { loopId: loop.id, roundId: loop.rounds[0]!.id, pillarId: pillars.coding! };
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp, { admin: ['admin'], hiringManager: ['hiring_manager'], grace: ['interviewer'], seatedAdmin: ['admin', 'interviewer'] });
    other = await createTeam(testApp, { admin: ['admin'], hiringManager: ['hiring_manager'], grace: ['interviewer'] });
    ({ loopId, roundId, pillarId } = await loopOf(team));
    otherLoopId = (await loopOf(other)).loopId;
    await qualify(api('admin'), await pillarIdsByKey(api('admin')), [user('seatedAdmin')], 'shadow');
    await api('admin').patch(`/api/loops/${loopId}/rounds/${roundId}`).send({ shadowInterviewerIds: [user('seatedAdmin')] }).expect(200);
    await submitScorecard(api('grace'), roundId, {
      ratings: [{ pillarId, rating: 'no', notes: 'Missed the edge cases.' }],
      recommendation: 'no',
      summary: 'Solid start, but the edge cases were missed and not tested.',
    });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('shows an amendment on the next read of a packet read before', async () => {
    const before = await packet();
    expect(await packet()).toBe(before);
    await api('grace')
      .post(`/api/rounds/${roundId}/scorecard/amendments`)
      .send({ reason: 'Re-read my notes', recommendation: 'strong_yes', ratings: [{ pillarId, rating: 'strong_yes', notes: 'Every edge case was tested.' }] })
      .expect(201);
    const after = await packet();
    expect(after).not.toBe(before);
    expect(after).toContain('Every edge case was tested.');
    expect(after).toContain('Re-read my notes');
  });

  it('shows a renamed interviewer, a renamed candidate and a retitled round on the next read', async () => {
    const before = await packet();
    await api('admin').patch(`/api/users/${user('grace')}`).send({ name: 'Grace B. Hopper' }).expect(200);
    const renamed = await packet();
    expect(renamed).not.toBe(before);
    expect(renamed).toContain('Grace B. Hopper');
    const { body: loop } = await api('admin').get(`/api/loops/${loopId}`).expect(200);
    await api('admin').patch(`/api/candidates/${loop.candidateId}`).send({ name: 'Margaret H. Hamilton' }).expect(200);
    expect(await packet()).toContain('Margaret H. Hamilton');
    await api('admin').patch(`/api/loops/${loopId}/rounds/${roundId}`).send({ title: 'Coding, retitled' }).expect(200);
    expect(await packet()).toContain('Coding, retitled');
  });

  it('keeps the blind rule and the redaction for a reader after a render was reused', async () => {
    const named = await packet();
    const refused = await api('seatedAdmin').get(`/api/loops/${loopId}/packet?format=markdown`).expect(403);
    expect(refused.body.code).toBe('SUBMIT_YOURS_FIRST');
    const redacted = (await api('admin').get(`/api/loops/${loopId}/packet?format=markdown&redact=interviewers`).expect(200)).text;
    expect(redacted).not.toBe(named);
    expect(redacted).toContain('Interviewer 1');
  });

  it('shows a decision on the next read', async () => {
    const before = await packet();
    await api('admin').post(`/api/loops/${loopId}/decision`).send({ decision: 'hire', note: 'Strong on testing', force: true }).expect(200);
    const after = await packet();
    expect(after).not.toBe(before);
    expect(after).toContain('Strong on testing');
  });

  it('never serves one organization’s packet to another, even of a loop that reads the same', async () => {
    const ours = await packet();
    const theirs = await packet(as(testApp, other.users.admin!), otherLoopId);
    expect(ours).toContain(team.organization.name);
    expect(theirs).toContain(other.organization.name);
    expect(theirs).not.toContain(team.organization.name);
    expect(theirs).not.toContain('Every edge case was tested.');
    await as(testApp, other.users.admin!).get(`/api/loops/${loopId}/packet?format=markdown`).expect(404);
  });

});

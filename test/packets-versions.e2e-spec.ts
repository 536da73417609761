import { Clock } from '@loopwright/core';
import {
  as,
  createCandidateLoop,
  createLoopTemplate,
  createPosition,
  createTeam,
  createTestApp,
  patchRound,
  pillarIdsByKey,
  qualify,
  submitScorecard,
  TestClock,
  timeSlot,
  type TestApp,
  type TestTeam,
} from '@loopwright/testing';
import type { Response, Test } from 'supertest';

const BASE = Date.UTC(2025, 2, 3);
const slot = (hour: number) => timeSlot(BASE, 0, hour);

/**
 * The packet route keeps the last render of each packet and serves it again while the versions of the four reads it
 * is made of (loop, record, directory, catalog) say nothing changed: the same bytes in two statements (the versions,
 * the access event), every access rule checked on what the versions prove current, any change shown on the next read.
 * The clock stands still unless a test moves it, so two reads are in the same minute.
 */
describe('packets: a kept render served while the versions of its reads hold', () => {
  const clock = new TestClock(Date.parse('2026-06-01T12:00:10Z'));
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;
  let loopId: string;
  let candidateId: string;
  let positionId: string;
  let roundIds: string[];
  let pillars: Record<string, string>;

  const api = (key: string) => as(testApp, team.users[key]!);
  const user = (key: string): string => team.users[key]!.id;
  const read = (caller = api('admin'), query = 'format=markdown', id = loopId): Test => caller.get(`/api/loops/${id}/packet?${query}`);
  const packet = async (caller = api('admin'), query = 'format=markdown'): Promise<string> => (await read(caller, query).expect(200)).text;
  const statements = (response: Response): number => Number(response.headers['x-sql-statements']);
  const packetReads = async (): Promise<number> =>
    (await api('admin').get(`/api/access-events?candidateId=${candidateId}&limit=200`).expect(200)).body.items.filter(
      (event: { kind: string }) => event.kind === 'packet',
    ).length;

  beforeAll(async () => {
    testApp = await createTestApp({ QUERY_COUNTING: 'true' }, (builder) => builder.overrideProvider(Clock).useValue(clock));
    team = await createTeam(testApp, {
      admin: ['admin'],
      hiringManager: ['hiring_manager'],
      otherManager: ['hiring_manager'],
      grace: ['interviewer'],
      alan: ['interviewer'],
      ada: ['interviewer'],
      seatedAdmin: ['admin', 'interviewer'],
    });
    other = await createTeam(testApp, { admin: ['admin'] });
    pillars = await pillarIdsByKey(api('admin'));
    await qualify(api('admin'), pillars, [user('grace'), user('alan'), user('ada')]);
    await qualify(api('admin'), pillars, [user('seatedAdmin')], 'shadow');
    positionId = await createPosition(api('admin'), { title: 'ML Engineer', roleFamily: 'ml_engineer', level: 'staff', hiringManagerId: user('hiringManager') });
    const templateId = (
      await createLoopTemplate(api('admin'), [
        { title: 'Coding', pillarIds: [pillars.coding!], questionCount: 1 },
        { title: 'System design', pillarIds: [pillars['system-design']!], questionCount: 1 },
      ])
    ).id;
    const loop = await createCandidateLoop(api('admin'), { name: 'Margaret Hamilton' }, { positionId, templateId });
    loopId = loop.id;
    roundIds = loop.rounds.map((round) => round.id);
    await patchRound(api('admin'), loop, 0, { interviewerId: user('grace'), shadowInterviewerIds: [user('seatedAdmin')], ...slot(9) }).expect(200);
    await patchRound(api('admin'), loop, 1, { interviewerId: user('alan'), ...slot(11) }).expect(200);
    const { body } = await api('admin').get(`/api/loops/${loopId}`).expect(200);
    candidateId = body.candidateId;
    await submitScorecard(api('grace'), roundIds[0]!, {
      ratings: [{ pillarId: pillars.coding, rating: 'no', notes: 'Missed the edge cases.' }],
      recommendation: 'no',
      summary: 'Solid start, but the edge cases were missed and not tested.',
    });
  });

  afterAll(async () => {
    delete process.env.QUERY_COUNTING;
    await testApp.close();
  });

  it('serves the kept render again: the same bytes, two statements (the versions, the access event), a read recorded each time', async () => {
    const first = await read().expect(200);
    const readsBefore = await packetReads();
    const again = await read().expect(200);
    expect(again.text).toBe(first.text);
    expect(statements(again)).toBe(2);
    expect(statements(first)).toBeLessThanOrEqual(5);
    expect(await packetReads()).toBe(readsBefore + 1);
    // Other options and formats are other packets, each kept on its own.
    const html = await read(api('admin'), 'format=html').expect(200);
    expect(html.text).not.toBe(first.text);
    expect((await read(api('admin'), 'format=html').expect(200)).text).toBe(html.text);
  });

  it('holds the blind rule and the hiring manager rule on a kept render, and answers 404 to another organization', async () => {
    const named = await packet();
    const refused = await read(api('seatedAdmin')).expect(403);
    expect(refused.body.code).toBe('SUBMIT_YOURS_FIRST');
    expect(await packet(api('hiringManager'))).toBe(named);
    await read(api('otherManager')).expect(403);
    await read(as(testApp, other.users.admin!)).expect(404);

    // The position handed to another hiring manager: the rule follows on the next read.
    await api('admin').patch(`/api/positions/${positionId}`).send({ hiringManagerId: user('otherManager') }).expect(200);
    await read(api('hiringManager')).expect(403);
    expect(await packet(api('otherManager'))).toContain(team.users.otherManager!.name);
    await api('admin').patch(`/api/positions/${positionId}`).send({ hiringManagerId: user('hiringManager') }).expect(200);
    expect(await packet(api('hiringManager'))).toContain(team.users.hiringManager!.name);
  });

  it('reads again only what changed: an amended scorecard is the record read again, a renamed pillar the catalog', async () => {
    await packet();
    await api('grace')
      .post(`/api/rounds/${roundIds[0]}/scorecard/amendments`)
      .send({ reason: 'Typo in my notes', ratings: [{ pillarId: pillars.coding, rating: 'no', notes: 'Missed the edge cases, twice.' }] })
      .expect(201);
    const amended = await read().expect(200);
    expect(amended.text).toContain('Missed the edge cases, twice.');
    // The versions, the record with its version, the access event.
    expect(statements(amended)).toBe(3);
    await api('admin').patch(`/api/pillars/${pillars.coding}`).send({ name: 'Practical coding, first rename' }).expect(200);
    const renamed = await read().expect(200);
    expect(renamed.text).toContain('Practical coding, first rename');
    expect(statements(renamed)).toBe(3);
  });

  it('shows every kind of change on the next read', async () => {
    const changes: { what: string; change: () => Promise<unknown>; shows: string }[] = [
      {
        what: 'scorecard amended',
        change: () =>
          api('grace')
            .post(`/api/rounds/${roundIds[0]}/scorecard/amendments`)
            .send({ reason: 'Re-read my notes', recommendation: 'yes', ratings: [{ pillarId: pillars.coding, rating: 'yes', notes: 'Every edge case was tested.' }] })
            .expect(201),
        shows: 'Every edge case was tested.',
      },
      {
        what: 'round reassigned',
        change: () => api('admin').patch(`/api/loops/${loopId}/rounds/${roundIds[1]}`).send({ interviewerId: user('ada') }).expect(200),
        shows: team.users.ada!.name,
      },
      { what: 'candidate renamed', change: () => api('admin').patch(`/api/candidates/${candidateId}`).send({ name: 'Margaret H. Hamilton' }).expect(200), shows: 'Margaret H. Hamilton' },
      { what: 'interviewer renamed', change: () => api('admin').patch(`/api/users/${user('grace')}`).send({ name: 'Grace B. Hopper' }).expect(200), shows: 'Grace B. Hopper' },
      { what: 'pillar renamed', change: () => api('admin').patch(`/api/pillars/${pillars.coding}`).send({ name: 'Coding, renamed' }).expect(200), shows: 'Coding, renamed' },
      {
        what: 'decision',
        change: () => api('admin').post(`/api/loops/${loopId}/decision`).send({ decision: 'hire', note: 'Strong on testing', force: true }).expect(200),
        shows: 'Strong on testing',
      },
    ];
    for (const { what, change, shows } of changes) {
      const before = await packet();
      expect({ what, kept: await packet() }).toEqual({ what, kept: before });
      await change();
      const after = await packet();
      expect({ what, fresh: after !== before, shows: after.includes(shows) }).toEqual({ what, fresh: true, shows: true });
    }
  });

  it('shows a template replaced on the next read of a custom template', async () => {
    const { body: template } = await api('admin')
      .post('/api/packet-templates')
      .send({ name: 'Short', format: 'markdown', source: 'First: {{candidate.name}}' })
      .expect(201);
    const query = `format=markdown&templateId=${template.id}`;
    const first = await packet(api('admin'), query);
    expect(first).toContain('First:');
    expect(await packet(api('admin'), query)).toBe(first);
    await api('admin').put(`/api/packet-templates/${template.id}`).send({ source: 'Second: {{candidate.name}}' }).expect(200);
    const replaced = await packet(api('admin'), query);
    expect(replaced).toContain('Second:');
    expect(replaced).not.toContain('First:');
  });

  it('shows the status a round’s end makes, with no write, within the same minute', async () => {
    const loop = await createCandidateLoop(api('admin'), { name: 'Katherine Johnson' }, { positionId, templateId: (await createLoopTemplate(api('admin'), [{ title: 'Coding', pillarIds: [pillars.coding!], questionCount: 1 }])).id });
    clock.set('2026-06-01T12:00:05Z');
    // Ends half way through the minute the packet is read in.
    await patchRound(api('admin'), loop, 0, { interviewerId: user('alan'), startsAt: '2026-06-01T11:00:30.000Z', endsAt: '2026-06-01T12:00:30.000Z' }).expect(200);
    const path = `/api/loops/${loop.id}/packet?format=markdown`;
    const scheduled = (await api('admin').get(path).expect(200)).text;
    expect(scheduled).toContain('**Loop status:** Scheduled');
    clock.set('2026-06-01T12:00:40Z');
    const ended = (await api('admin').get(path).expect(200)).text;
    expect(ended).toContain('**Loop status:** In review');
  });

  it('shows an erased candidate on the next read', async () => {
    const before = await packet();
    expect(before).toContain('Margaret H. Hamilton');
    await api('admin').post(`/api/candidates/${candidateId}/erasure`).send({ mode: 'anonymize', reason: 'Art. 17 request' }).expect(201);
    const after = await packet();
    expect(after).not.toContain('Margaret H. Hamilton');
  });
});

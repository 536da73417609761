import { Clock } from '@loopwright/core';
import { AccessLog } from '@loopwright/identity';
import { PacketExport } from '@loopwright/packets';
import { as, roundFor, sessionCookie, submitCompleteScorecard, teamSuite, type RoundFixture } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface AccessEventBody {
  id: string;
  actorId: string | null;
  kind: string;
  entityType: string;
  entityId: string;
  candidateId: string | null;
  format: string | null;
  requestId: string | null;
  at: string;
}

const DAY = 86_400_000;

describe('privacy: who read what (access events)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-access-'));
  const suite = teamSuite(undefined, { environment: { DATA_DIR: dataDir, ACCESS_EVENTS_RETENTION_DAYS: '30' }, other: { admin: ['admin'] } });
  const { api, user } = suite;
  let fixture: RoundFixture;
  let candidateId: string;
  let positionId: string;

  /** The access events of the team about the candidate, newest first, as an admin reads them. */
  const eventsOf = async (query = `candidateId=${candidateId}`): Promise<AccessEventBody[]> =>
    (await api('admin').get(`/api/access-events?${query}&limit=200`).expect(200)).body.items;

  /** Runs `read` and answers the access events it wrote (newest first). */
  const written = async (read: () => Promise<unknown>): Promise<AccessEventBody[]> => {
    const before = new Set((await eventsOf('')).map((event) => event.id));
    await read();
    return (await eventsOf('')).filter((event) => !before.has(event.id));
  };

  const cookieOf = (key: string): Promise<string> => sessionCookie(suite.testApp, suite.team.users[key]!);

  beforeAll(async () => {
    fixture = await roundFor(suite.testApp, suite.team, { interviewerKey: 'interviewer', candidateName: 'Ada Access', startsAt: new Date(Date.now() - 3 * 3_600_000) });
    await submitCompleteScorecard(suite.testApp, suite.team, 'interviewer', fixture.roundId);
    const loop = (await api('recruiter').get(`/api/loops/${fixture.loopId}`).expect(200)).body;
    candidateId = loop.candidateId;
    positionId = loop.position.id;
  }, 120_000);

  it('records each API read of a packet, a candidate, scorecards (JSON, CSV), the summary, a position CSV, once, with no content', async () => {
    const reads: [string, () => Promise<unknown>, Partial<AccessEventBody>][] = [
      ['packet html', () => api('recruiter').get(`/api/loops/${fixture.loopId}/packet?format=html`).expect(200), { kind: 'packet', format: 'html' }],
      ['packet markdown', () => api('recruiter').get(`/api/loops/${fixture.loopId}/packet?format=md`).expect(200), { kind: 'packet', format: 'markdown' }],
      ['candidate', () => api('recruiter').get(`/api/candidates/${candidateId}`).expect(200), { kind: 'candidate', entityType: 'candidate', entityId: candidateId, format: 'json' }],
      ['scorecards', () => api('recruiter').get(`/api/loops/${fixture.loopId}/scorecards`).expect(200), { kind: 'scorecards', format: 'json' }],
      ['scorecards csv', () => api('recruiter').get(`/api/loops/${fixture.loopId}/scorecards?format=csv`).expect(200), { kind: 'scorecards', format: 'csv' }],
      ['summary', () => api('recruiter').get(`/api/loops/${fixture.loopId}/summary`).expect(200), { kind: 'summary', format: 'json' }],
      [
        'position csv',
        () => api('recruiter').get(`/api/positions/${positionId}/scorecards?format=csv`).expect(200),
        { kind: 'scorecards', entityType: 'position', entityId: positionId, format: 'csv' },
      ],
    ];
    for (const [name, read, expected] of reads) {
      const events = await written(read);
      expect({ name, events }).toEqual({
        name,
        events: [
          {
            id: expect.any(String),
            actorId: user('recruiter'),
            entityType: 'loop',
            entityId: fixture.loopId,
            candidateId,
            requestId: expect.any(String),
            at: expect.any(String),
            ...expected,
          },
        ],
      });
    }
  });

  it('records nothing for a read that is refused', async () => {
    const events = await written(async () => {
      await api('interviewer2').get(`/api/candidates/${candidateId}`).expect(403);
      await api('interviewer2').get(`/api/loops/${fixture.loopId}/packet`).expect(403);
      await as(suite.testApp, suite.other.users.admin!).get(`/api/loops/${fixture.loopId}/summary`).expect(404);
    });
    expect(events).toEqual([]);
  });

  it('records the web reads: the candidate page, the debrief page, its packet download, the round page with others’ scorecards', async () => {
    const cookie = await cookieOf('admin');
    const page = (url: string) => suite.testApp.http().get(url).set('cookie', cookie).expect(200);
    const expectations: [string, Partial<AccessEventBody>][] = [
      [`/app/candidates/${candidateId}`, { kind: 'candidate', entityType: 'candidate', entityId: candidateId, format: 'page' }],
      [`/app/loops/${fixture.loopId}/debrief`, { kind: 'debrief', entityType: 'loop', entityId: fixture.loopId, format: 'page' }],
      [`/app/loops/${fixture.loopId}/packet?format=markdown`, { kind: 'packet', entityType: 'loop', entityId: fixture.loopId, format: 'markdown' }],
    ];
    for (const [url, expected] of expectations) {
      const events = await written(() => page(url));
      expect({ url, events }).toEqual({ url, events: [expect.objectContaining({ actorId: user('admin'), candidateId, ...expected })] });
    }
    const interviewer = await cookieOf('interviewer');
    const round = await written(() => suite.testApp.http().get(`/app/rounds/${fixture.roundId}`).set('cookie', interviewer).expect(200));
    expect(round).toEqual([expect.objectContaining({ actorId: user('interviewer'), kind: 'scorecards', format: 'page', candidateId })]);
  });

  it('records an export download once per candidate in it', async () => {
    const exportId = randomUUID();
    await suite.testApp.dataSource.manager.insert(PacketExport, {
      id: exportId,
      organizationId: suite.team.organization.id,
      requestedBy: user('admin'),
      loopIds: [fixture.loopId],
      format: 'html',
      status: 'done',
    });
    mkdirSync(path.join(dataDir, 'exports'), { recursive: true });
    writeFileSync(path.join(dataDir, 'exports', `${exportId}.zip`), 'zip');
    const events = await written(() => api('admin').get(`/api/exports/${exportId}/download`).expect(200));
    expect(events).toEqual([expect.objectContaining({ actorId: user('admin'), kind: 'export', entityType: 'export', entityId: exportId, candidateId, format: 'zip' })]);
  });

  it('lists them for admins only, newest first, filtered by candidate, reader and kind, a page at a time', async () => {
    for (const key of ['recruiter', 'hiringManager', 'interviewer']) await api(key).get('/api/access-events').expect(403);
    const other = await as(suite.testApp, suite.other.users.admin!).get(`/api/access-events?candidateId=${candidateId}`).expect(200);
    expect(other.body.items).toEqual([]);

    const all = await eventsOf();
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.every((event) => event.candidateId === candidateId)).toBe(true);
    const times = all.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const byRecruiter = await eventsOf(`candidateId=${candidateId}&actorId=${user('recruiter')}&kind=packet`);
    expect(byRecruiter.map((event) => event.format).sort()).toEqual(['html', 'markdown']);

    const first = await api('admin').get(`/api/access-events?candidateId=${candidateId}&limit=3`).expect(200);
    const second = await api('admin').get(`/api/access-events?candidateId=${candidateId}&limit=3&cursor=${first.body.nextCursor}`).expect(200);
    expect([...first.body.items, ...second.body.items].map((event: AccessEventBody) => event.id)).toEqual(all.slice(0, 6).map((event) => event.id));

    for (const [query, field] of [
      ['candidateId=jane', 'candidateId'],
      ['kind=everything', 'kind'],
      ['actorId=1', 'actorId'],
      ['cursor=forged', 'cursor'],
    ]) {
      const refused = await api('admin').get(`/api/access-events?${query}`).expect(400);
      expect(refused.body.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
  });

  it('deletes the events older than ACCESS_EVENTS_RETENTION_DAYS, by the injected clock, and keeps the rest', async () => {
    const clock = suite.testApp.app.get(Clock);
    const realNow = clock.now.bind(clock);
    const start = realNow().getTime();
    try {
      clock.now = () => new Date(start - 40 * DAY);
      await api('admin').get(`/api/candidates/${candidateId}`).expect(200);
      clock.now = () => new Date(start - 20 * DAY);
      await api('admin').get(`/api/candidates/${candidateId}`).expect(200);
      const ages = async () =>
        (await eventsOf(`candidateId=${candidateId}&kind=candidate&actorId=${user('admin')}`)).map((event) => Math.round((start - Date.parse(event.at)) / DAY));
      expect(await ages()).toEqual(expect.arrayContaining([40, 20]));

      clock.now = () => new Date(start);
      expect(await suite.testApp.app.get(AccessLog).removeExpired()).toBeGreaterThanOrEqual(1);
      const left = await ages();
      expect(left).toContain(20);
      expect(left).not.toContain(40);
      expect(left.every((age) => age <= 30)).toBe(true);
    } finally {
      clock.now = realNow;
    }
  });
});

import { Clock } from '@loopwright/core';
import type { Role } from '@loopwright/identity';
import { effectiveStatus, effectiveStatusSql } from '@loopwright/loops';
import { as, createCandidateLoop, createLoopTemplate, createPosition, createTeam, createTestApp, patchRound, pillarIdsByKey, qualify, type TestApp, type TestTeam } from '@loopwright/testing';

const ROLES: Record<string, Role[]> = { admin: ['admin'], hm: ['hiring_manager'], recruiter: ['recruiter'], i1: ['interviewer'], i2: ['interviewer'] };
const HOUR = 3_600_000;
const BASE = Date.UTC(2031, 5, 2, 9);

describe('loops: one definition of a loop’s status, the same on every route and in SQL', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let clock: Clock;
  let realNow: () => Date;
  let loopId: string;
  let rounds: { id: string; endsAt: string }[];

  const api = (key: string) => as(testApp, team.users[key]!);
  const user = (key: string): string => team.users[key]!.id;

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp, ROLES);
    clock = testApp.app.get(Clock);
    realNow = clock.now.bind(clock);
    const pillars = await pillarIdsByKey(api('admin'));
    await qualify(api('admin'), pillars, [user('i1'), user('i2')]);
    const positionId = await createPosition(api('admin'), { title: 'AI Engineer', roleFamily: 'other', level: 'mid', hiringManagerId: user('hm') });
    const [first, second] = Object.values(pillars);
    const templateId = (
      await createLoopTemplate(api('admin'), [
        { title: 'One', pillarIds: [first], questionCount: 0 },
        { title: 'Two', pillarIds: [second], questionCount: 0 },
      ])
    ).id;
    const loop = await createCandidateLoop(api('recruiter'), { name: 'Kim Park' }, { positionId, templateId });
    loopId = loop.id;
    // Round one ends at BASE + 1h, round two at BASE + 25h.
    for (const [index, key] of ['i1', 'i2'].entries()) {
      const startsAt = new Date(BASE + index * 24 * HOUR).toISOString();
      const endsAt = new Date(BASE + index * 24 * HOUR + HOUR).toISOString();
      await patchRound(api('recruiter'), loop, index, { interviewerId: user(key), startsAt, endsAt }).expect(200);
    }
    rounds = (await api('admin').get(`/api/loops/${loopId}`).expect(200)).body.rounds;
  });

  afterEach(() => {
    clock.now = realNow;
  });

  afterAll(async () => {
    await testApp.close();
  });

  const statusesAt = async (at: Date): Promise<Record<string, string>> => {
    clock.now = () => at;
    const detail = (await api('admin').get(`/api/loops/${loopId}`).expect(200)).body.status;
    const listed = (await api('admin').get('/api/loops?limit=200').expect(200)).body.items.find((item: { id: string }) => item.id === loopId).status;
    const assignments = (await api('i1').get('/api/me/assignments').expect(200)).body.items[0].loopStatus;
    const assignments2 = (await api('i2').get('/api/me/assignments').expect(200)).body.items[0].loopStatus;
    return { detail, listed, assignments, assignments2 };
  };

  it('reads scheduled before the first round ends and in_review from its end, on the loop, the list and my assignments alike', async () => {
    const before = new Date(BASE + HOUR - 1);
    expect(await statusesAt(before)).toEqual({ detail: 'scheduled', listed: 'scheduled', assignments: 'scheduled', assignments2: 'scheduled' });
    const atEnd = new Date(BASE + HOUR);
    expect(await statusesAt(atEnd)).toEqual({ detail: 'in_review', listed: 'in_review', assignments: 'in_review', assignments2: 'in_review' });
    // The status filter follows the same clock.
    clock.now = () => before;
    const scheduled = (await api('admin').get('/api/loops?status=scheduled&limit=200').expect(200)).body.items.map((item: { id: string }) => item.id);
    expect(scheduled).toContain(loopId);
    clock.now = () => atEnd;
    const inReview = (await api('admin').get('/api/loops?status=in_review&limit=200').expect(200)).body.items.map((item: { id: string }) => item.id);
    expect(inReview).toContain(loopId);
    expect((await api('admin').get('/api/loops?status=scheduled&limit=200').expect(200)).body.items.map((item: { id: string }) => item.id)).not.toContain(loopId);
  });

  it('agrees with the TypeScript definition for every stored status at every moment around the rounds’ ends', async () => {
    const moments = [BASE - HOUR, BASE + HOUR - 1, BASE + HOUR, BASE + 2 * HOUR, BASE + 25 * HOUR, BASE + 100 * HOUR].map((ms) => new Date(ms));
    const times = rounds.map((round) => ({ endsAt: new Date(round.endsAt) }));
    const [{ status: stored }] = await testApp.dataSource.query(`SELECT status FROM loops WHERE id = $1`, [loopId]);
    try {
      for (const status of ['draft', 'scheduled', 'in_review', 'decided', 'cancelled']) {
        await testApp.dataSource.query(`UPDATE loops SET status = $2 WHERE id = $1`, [loopId, status]);
        for (const at of moments) {
          const [row] = await testApp.dataSource.query(`SELECT ${effectiveStatusSql('l', '$2::timestamptz')} AS status FROM loops l WHERE l.id = $1`, [loopId, at]);
          expect({ status, at, sql: row.status }).toEqual({ status, at, sql: effectiveStatus(status as never, times, at) });
        }
      }
    } finally {
      await testApp.dataSource.query(`UPDATE loops SET status = $2 WHERE id = $1`, [loopId, stored]);
    }
  });
});

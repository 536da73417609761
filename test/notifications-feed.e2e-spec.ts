import { FEED_AHEAD_DAYS, FEED_PAST_DAYS } from '@loopwright/notifications';
import { auditActions, notificationsSuite, NOTIFICATIONS_PUBLIC_URL as PUBLIC_URL, pillarIdsByKey, qualify, statementsDuring, timeSlot } from '@loopwright/testing';
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';

const DAY = 86_400_000;

interface FeedEvent {
  uid: string;
  sequence: number;
  start: Date;
  utc: boolean;
  url: string;
  description: string;
  summary: string;
  attendees: number;
}

/** The feed as an independent parser (ical.js) reads it. */
function parseCalendar(text: string): { method: string; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        sequence: event.sequence,
        start: event.startDate.toJSDate(),
        utc: event.startDate.zone?.tzid === 'UTC' && event.endDate.zone?.tzid === 'UTC',
        url: String(vevent.getFirstPropertyValue('url')),
        description: event.description,
        summary: event.summary,
        attendees: event.attendees.length,
      };
    }),
  };
}

describe('notifications: the calendar feed per user', () => {
  const suite = notificationsSuite({
    members: { admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'], i1: ['interviewer'], i2: ['interviewer'], trainee: ['interviewer'], counter: ['interviewer'] },
    shadows: ['trainee'],
    mail: false,
  });
  const { api, user } = suite;
  // Whole days from now, at distinct hours: no two rounds of one person overlap.
  const base = Math.floor(Date.now() / DAY) * DAY;
  let nextHour = 0;
  const slot = (day: number) => timeSlot(base, day, nextHour++ % 20);

  /** A round in a loop of its own; its loop's id and the round's. */
  const addRound = (title: string, body: Record<string, unknown>): Promise<{ loopId: string; roundId: string }> =>
    suite.addRound({ title, ...body }, { name: 'Hedy Lamarr', email: `hedy.${randomUUID().slice(0, 8)}@example.test`, phone: '+1 555 0100' });
  const feedUrl = async (key: string): Promise<string> => {
    const { body } = await api(key).post('/api/me/calendar-token').expect(201);
    return body.url as string;
  };
  const pathOf = (url: string) => url.slice(PUBLIC_URL.length);
  const readFeed = async (url: string) => {
    const response = await suite.testApp.http().get(pathOf(url)).expect(200);
    return { response, calendar: parseCalendar(response.text) };
  };

  it('publishes my rounds (interviewer and shadow) with the UIDs of my invites, UTC times, the kit link, no attendees', async () => {
    const led = await addRound('Coding', { interviewerId: user('i1').id, ...slot(3) });
    const shadowed = await addRound('Design', { interviewerId: user('i2').id, shadowInterviewerIds: [user('i1').id], ...slot(4) });
    const others = await addRound('Behavioral', { interviewerId: user('i2').id, ...slot(5) });
    const url = await feedUrl('i1');
    expect(url).toMatch(/^https:\/\/hire\.example\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const { response, calendar } = await readFeed(url);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers['cache-control']).toContain('no-store');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(calendar.method).toBe('PUBLISH');
    const byUid = new Map(calendar.events.map((event) => [event.uid, event]));
    for (const { roundId } of [led, shadowed]) {
      const invite = parseCalendar((await api('i1').get(`/api/rounds/${roundId}/invite.ics`).expect(200)).text).events[0]!;
      const event = byUid.get(invite.uid);
      expect(event).toMatchObject({ uid: `round-${roundId}-${user('i1').id}@loopwright.test`, sequence: invite.sequence, utc: true, attendees: 0 });
      expect(event!.start.getTime()).toBe(invite.start.getTime());
      expect(event!.url).toBe(`${PUBLIC_URL}/app/rounds/${roundId}`);
      expect(event!.description).toContain(event!.url);
    }
    expect(calendar.events.map((event) => event.summary).sort()).toEqual(['Interview: Coding with Hedy Lamarr', 'Interview: Design with Hedy Lamarr']);
    // Another person's round never appears; the candidate's name only.
    expect(response.text).not.toContain(others.roundId);
    for (const secret of ['hedy.', '@example.test', '+1 555 0100', 'ATTENDEE', user('i1').email]) expect(response.text).not.toContain(secret);
    expect(await auditActions(suite.testApp, suite.team.organization.id, user('i1').id)).toContain('calendar_token.rotated');
  });

  it('gives a new URL on each request; the old one answers 404, as do a made-up token and a deactivated user', async () => {
    const first = await feedUrl('i2');
    await readFeed(first);
    const second = await feedUrl('i2');
    expect(second).not.toBe(first);
    await suite.testApp.http().get(pathOf(first)).expect(404);
    await readFeed(second);
    await suite.testApp.http().get(`/calendar/${'A'.repeat(43)}.ics`).expect(404);
    await suite.testApp.http().get('/calendar/not-a-token.ics').expect(404);
    await suite.testApp.http().get(`${pathOf(second).slice(0, -4)}.txt`).expect(404);
    // Only the hash is stored.
    const [row] = await suite.testApp.dataSource.query<{ token_hash: Buffer }[]>('SELECT token_hash FROM calendar_tokens WHERE user_id = $1', [user('i2').id]);
    expect(row!.token_hash).toHaveLength(32);
    expect(row!.token_hash.toString('latin1')).not.toContain(second.slice(-47, -4));

    const trainee = await feedUrl('trainee');
    await readFeed(trainee);
    await api('admin').patch(`/api/users/${user('trainee').id}`).send({ active: false }).expect(200);
    await suite.testApp.http().get(pathOf(trainee)).expect(404);
    // The API answers the feed's path with its own prefix only: no feed under /api.
    await suite.testApp.http().get(`/api${pathOf(second)}`).expect(404);
  });

  it('leaves out cancelled loops, untimed rounds and rounds outside its window', async () => {
    const kept = await addRound('Kept', { interviewerId: user('counter').id, ...slot(6) });
    const cancelled = await addRound('Cancelled', { interviewerId: user('counter').id, ...slot(7) });
    await api('recruiter').post(`/api/loops/${cancelled.loopId}/cancel`).send({ reason: 'The candidate withdrew' }).expect(200);
    const untimed = await addRound('Untimed', { interviewerId: user('counter').id });
    const far = await addRound('Far', { interviewerId: user('counter').id, ...slot(FEED_AHEAD_DAYS + 5) });
    const old = await addRound('Old', { interviewerId: user('counter').id, ...slot(-(FEED_PAST_DAYS + 5)) });
    const recent = await addRound('Recent', { interviewerId: user('counter').id, ...slot(-2) });
    const { calendar } = await readFeed(await feedUrl('counter'));
    const uids = calendar.events.map((event) => event.uid);
    for (const { roundId } of [kept, recent]) expect(uids).toContain(`round-${roundId}-${user('counter').id}@loopwright.test`);
    for (const { roundId } of [cancelled, untimed, far, old]) expect(uids.join()).not.toContain(roundId);
  });

  it('reads a feed of 2 rounds and one of 8 in the same number of statements', async () => {
    const url = await feedUrl('hiringManager');
    const person = 'hiringManager';
    await qualify(api('admin'), await pillarIdsByKey(api('admin')), [user(person).id]);
    // A hiring manager who also interviews needs the interviewer role.
    await api('admin').patch(`/api/users/${user(person).id}`).send({ roles: ['hiring_manager', 'interviewer'] }).expect(200);
    for (let index = 0; index < 2; index++) await addRound(`Two ${index}`, { interviewerId: user(person).id, ...slot(10 + index) });
    let events = 0;
    const atTwo = await statementsDuring(async () => (events = (await readFeed(url)).calendar.events.length));
    expect(events).toBe(2);
    for (let index = 0; index < 6; index++) await addRound(`Eight ${index}`, { interviewerId: user(person).id, ...slot(20 + index) });
    const atEight = await statementsDuring(async () => (events = (await readFeed(url)).calendar.events.length));
    expect(events).toBe(8);
    expect(atEight.length).toBe(atTwo.length);
  });
});

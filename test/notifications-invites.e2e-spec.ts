import { MailOutbox, RoundInvites } from '@loopwright/notifications';
import {
  createNotificationsWorker,
  LOOP_TEAM,
  notificationsSuite,
  NOTIFICATIONS_PUBLIC_URL as PUBLIC_URL,
  statementsDuring,
  TestClock,
  type SinkAnswer,
} from '@loopwright/testing';
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';

const SECOND = 1000;
const ENVIRONMENT = {
  MAIL_RETRY_FIRST_SECONDS: '60',
  MAIL_RETRY_MAX_SECONDS: '600',
  MAIL_MAX_ATTEMPTS: '3',
  MAIL_LEASE_SECONDS: '120',
};
const CANDIDATE = { name: 'Hedy Lamarr', phone: '+1 555 0100' };
const candidateInput = () => ({ ...CANDIDATE, email: `hedy.${randomUUID().slice(0, 8)}@example.test` });

interface Invite {
  method: string;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  utc: boolean;
  url: string;
  description: string;
  summary: string;
  status: string;
  organizer: string;
  attendees: string[];
}

/** The invite as an independent parser (ical.js) reads it. */
function parseInvite(text: string): Invite {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    utc: event.startDate.zone?.tzid === 'UTC' && event.endDate.zone?.tzid === 'UTC',
    url: String(vevent.getFirstPropertyValue('url')),
    description: event.description,
    summary: event.summary,
    status: String(vevent.getFirstPropertyValue('status')),
    organizer: String(vevent.getFirstPropertyValue('organizer')),
    attendees: event.attendees.map((attendee) => String(attendee.getFirstValue())),
  };
}

describe('notifications: calendar invites mailed through SMTP by the worker', () => {
  let answer: (index: number) => SinkAnswer = () => 'accept';
  // A day ahead of the API's clock: what the API enqueues is due for the worker at once.
  const clock = new TestClock(Date.now() + 86_400_000);
  // The worker is made before any round changes: the invite subscriber receives what is recorded from then on.
  const suite = notificationsSuite({ members: LOOP_TEAM, shadows: ['trainee'], environment: ENVIRONMENT, clock, answer: (index) => answer(index) });
  const { api, user, to, mailTo } = suite;
  /** What the worker does after a commit: the dispatcher hands the events to the invites, the sender sends. */
  const deliver = async (): Promise<void> => {
    await suite.worker.dispatcher.drain();
    await suite.worker.sender.drain();
  };
  const lastInviteTo = (key: string) => parseInvite(mailTo(key).at(-1)!.calendar!);
  /** A round in a loop of its own (a person interviews once per loop). */
  const addRound = async (title: string, body: Record<string, unknown>): Promise<string> => (await suite.addRound({ title, ...body }, candidateInput())).roundId;
  const round = (roundId: string) => `/api/loops/${suite.loopOf(roundId)}/rounds/${roundId}`;
  const outboxRow = async (id: string) =>
    (
      await suite.testApp.dataSource.query<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date }[]>(
        'SELECT status, attempts, last_error, next_attempt_at FROM mail_outbox WHERE id = $1',
        [id],
      )
    )[0]!;
  const enqueue = async (count: number, label: string) => {
    const outbox = suite.testApp.app.get(MailOutbox);
    const messages = Array.from({ length: count }, (_, index) => ({
      organizationId: suite.team.organization.id,
      kind: 'invite',
      recipient: { userId: null, address: `${label}.${index}.${randomUUID().slice(0, 6)}@example.test` },
      subject: `Subject of ${label} ${index}`,
      text: 'text',
      html: '<p>html</p>',
      idempotencyKey: `test:${label}:${randomUUID()}:${index}`,
    }));
    const ids = await suite.testApp.dataSource.transaction((manager) => outbox.enqueue(manager, messages));
    // The same keys again: nothing new.
    expect(await suite.testApp.dataSource.transaction((manager) => outbox.enqueue(manager, messages))).toEqual([]);
    return { ids, addresses: messages.map((message) => message.recipient.address) };
  };

  it('mails the interviewer a METHOD:REQUEST invite when a round is scheduled: UID per round and person, SEQUENCE 0, UTC, the kit link', async () => {
    const startsAt = '2026-03-10T14:00:00.000Z';
    const roundId = await addRound('Coding', { interviewerId: user('i1').id, startsAt, endsAt: '2026-03-10T15:00:00.000Z' });
    const arrived = suite.sink.next(1, to('i1'));
    await deliver();
    const [received] = await arrived;
    const kitUrl = `${PUBLIC_URL}/app/rounds/${roundId}`;
    const invite = parseInvite(received!.calendar!);
    expect(invite).toMatchObject({
      method: 'REQUEST',
      uid: `round-${roundId}-${user('i1').id}@loopwright.test`,
      sequence: 0,
      utc: true,
      url: kitUrl,
      status: 'CONFIRMED',
      summary: 'Interview: Coding with Hedy Lamarr',
      organizer: 'mailto:hiring@loopwright.test',
    });
    expect(invite.attendees.map((attendee) => attendee.toLowerCase())).toEqual([`mailto:${user('i1').email}`]);
    expect(invite.start.toISOString()).toBe(startsAt);
    expect(invite.description).toContain(kitUrl);
    expect(received!.calendar).toMatch(/^DTSTART:20260310T140000Z\r?$/m);
    const { mail } = received!;
    expect(mail.from?.value[0]?.address).toBe('hiring@loopwright.test');
    expect(mail.subject).toContain('Coding with Hedy Lamarr');
    expect(mail.text).toContain(kitUrl);
    expect(mail.html).toContain(`href="${kitUrl}"`);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@loopwright\.test>$/);
    // The candidate's name only.
    for (const secret of ['@example.test>', 'hedy.', CANDIDATE.phone]) expect(`${received!.calendar}${mail.text}${mail.html}`).not.toContain(secret);

    // Delivered again (at least once), nothing changed: nothing more is sent.
    await suite.testApp.dataSource.query(
      `UPDATE domain_event_deliveries SET status = 'pending' WHERE subscriber = 'round-invites' AND aggregate_id = $1`,
      [roundId],
    );
    await deliver();
    expect(mailTo('i1')).toHaveLength(1);
  });

  it('sends an update with the same UID and a higher SEQUENCE on a new time; a new shadow gets an invite of their own', async () => {
    const roundId = await addRound('Design', { interviewerId: user('i1').id, startsAt: '2026-03-11T09:00:00.000Z', endsAt: '2026-03-11T10:00:00.000Z' });
    await deliver();
    const first = lastInviteTo('i1');
    const before = mailTo('i1').length;
    await api('recruiter').patch(round(roundId)).send({ startsAt: '2026-03-11T13:00:00.000Z', endsAt: '2026-03-11T14:00:00.000Z' }).expect(200);
    await deliver();
    expect(mailTo('i1')).toHaveLength(before + 1);
    const update = lastInviteTo('i1');
    expect(update).toMatchObject({ method: 'REQUEST', uid: first.uid, sequence: first.sequence + 1 });
    expect(update.start.toISOString()).toBe('2026-03-11T13:00:00.000Z');
    expect(mailTo('i1').at(-1)!.mail.subject).toMatch(/^Updated: /);

    await api('recruiter').patch(round(roundId)).send({ shadowInterviewerIds: [user('trainee').id] }).expect(200);
    await deliver();
    expect(mailTo('i1')).toHaveLength(before + 1);
    expect(lastInviteTo('trainee')).toMatchObject({ method: 'REQUEST', uid: `round-${roundId}-${user('trainee').id}@loopwright.test`, sequence: 0 });
  });

  it('sends METHOD:CANCEL with STATUS:CANCELLED to an interviewer taken off, and to everyone when the round is removed', async () => {
    const roundId = await addRound('Pairing', {
      interviewerId: user('i1').id,
      shadowInterviewerIds: [user('trainee').id],
      startsAt: '2026-03-12T09:00:00.000Z',
      endsAt: '2026-03-12T10:00:00.000Z',
    });
    await deliver();
    const invited = lastInviteTo('i1');
    await api('recruiter').patch(round(roundId)).send({ interviewerId: user('i2').id }).expect(200);
    await deliver();
    const cancel = lastInviteTo('i1');
    expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: invited.uid, sequence: invited.sequence + 1 });
    expect(cancel.start.toISOString()).toBe('2026-03-12T09:00:00.000Z');
    expect(mailTo('i1').at(-1)!.mail.subject).toBe('Cancelled: Interview: Pairing with Hedy Lamarr');
    expect(lastInviteTo('i2')).toMatchObject({ method: 'REQUEST', sequence: 0 });

    const trainee = lastInviteTo('trainee');
    await api('recruiter').delete(round(roundId)).expect(200);
    await deliver();
    expect(lastInviteTo('i2')).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 1 });
    expect(lastInviteTo('trainee')).toMatchObject({ method: 'CANCEL', uid: trainee.uid, sequence: trainee.sequence + 1 });
  });

  it('puts the right UTC instant in invites on both sides of a daylight-saving change, and names the time in the interviewer’s zone', async () => {
    await api('i2').patch('/api/me').send({ timezone: 'Europe/Berlin' }).expect(200);
    // 09:00 in Berlin both days: CET (UTC+1) on the Saturday, CEST (UTC+2) from the Sunday.
    const winter = await addRound('Winter', { interviewerId: user('i2').id, startsAt: '2026-03-28T08:00:00.000Z', endsAt: '2026-03-28T09:00:00.000Z' });
    await deliver();
    const winterMail = mailTo('i2').at(-1)!;
    const summer = await addRound('Summer', { interviewerId: user('i2').id, startsAt: '2026-03-29T07:00:00.000Z', endsAt: '2026-03-29T08:00:00.000Z' });
    await deliver();
    const summerMail = mailTo('i2').at(-1)!;
    expect(parseInvite(winterMail.calendar!)).toMatchObject({ uid: expect.stringContaining(winter), utc: true });
    expect(parseInvite(winterMail.calendar!).start.toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(parseInvite(summerMail.calendar!)).toMatchObject({ uid: expect.stringContaining(summer), utc: true });
    expect(parseInvite(summerMail.calendar!).start.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(winterMail.mail.text).toContain('Saturday 28 March 2026, 09:00 CET to 10:00 CET');
    expect(summerMail.mail.text).toContain('Sunday 29 March 2026, 09:00 CEST to 10:00 CEST');
  });

  it('downloads the invite at GET /api/rounds/:id/invite.ics for the interviewer and staff, as mailed', async () => {
    const roundId = await addRound('Download', { interviewerId: user('i1').id, startsAt: '2026-03-13T09:00:00.000Z', endsAt: '2026-03-13T10:00:00.000Z' });
    await deliver();
    await api('recruiter').patch(round(roundId)).send({ startsAt: '2026-03-13T11:00:00.000Z', endsAt: '2026-03-13T12:00:00.000Z' }).expect(200);
    await deliver();
    const mailed = lastInviteTo('i1');
    expect(mailed.sequence).toBe(1);
    const response = await api('i1').get(`/api/rounds/${roundId}/invite.ics`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const downloaded = parseInvite(response.text);
    expect(downloaded).toMatchObject({ method: 'REQUEST', uid: mailed.uid, sequence: mailed.sequence, url: mailed.url, utc: true });
    expect(downloaded.start.toISOString()).toBe('2026-03-13T11:00:00.000Z');

    const staff = parseInvite((await api('recruiter').get(`/api/rounds/${roundId}/invite.ics`).expect(200)).text);
    expect(staff.uid).toBe(`round-${roundId}-${user('recruiter').id}@loopwright.test`);
    await api('i2').get(`/api/rounds/${roundId}/invite.ics`).expect(404);
    const untimed = await addRound('Untimed', { interviewerId: user('i1').id });
    expect((await api('i1').get(`/api/rounds/${untimed}/invite.ics`).expect(409)).body.code).toBe('ROUND_NOT_SCHEDULED');
    await api('i1').get(`/api/rounds/${randomUUID()}/invite.ics`).expect(404);
  });

  it('brings a round’s invites in line in the same number of statements for one seat as for three', async () => {
    const invites = suite.testApp.app.get(RoundInvites);
    const one = await addRound('One seat', { interviewerId: user('i1').id, startsAt: '2026-03-16T09:00:00.000Z', endsAt: '2026-03-16T10:00:00.000Z' });
    const three = await addRound('Three seats', {
      interviewerId: user('i2').id,
      shadowInterviewerIds: [user('trainee').id, user('i1').id],
      startsAt: '2026-03-17T09:00:00.000Z',
      endsAt: '2026-03-17T10:00:00.000Z',
    });
    const reconcile = (roundId: string) =>
      statementsDuring(() => suite.testApp.dataSource.transaction((manager) => invites.reconcile(manager, suite.team.organization.id, roundId)));
    const [forOne, forThree] = [await reconcile(one), await reconcile(three)];
    expect(forThree).toHaveLength(forOne.length);
    expect(forOne.length).toBeLessThanOrEqual(7);
    const written = await suite.testApp.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE idempotency_key LIKE ANY ($1::text[])`,
      [[`invite:${one}:%`, `invite:${three}:%`]],
    );
    expect(written[0]!.n).toBe(4);
    await deliver();
  });

  it('sends each message once when two senders run at once', async () => {
    const other = await createNotificationsWorker({ ...suite.environment, SMTP_URL: suite.sink.url }, clock);
    try {
      const { ids, addresses } = await enqueue(30, 'two-senders');
      const arrived = suite.sink.next(30, (received) => addresses.includes(received.to[0]!));
      // The first sender takes a batch (20) and is held mid-send on one message while the second one runs.
      let holdNext = true;
      answer = () => (holdNext ? ((holdNext = false), 'hold') : 'accept');
      const held = suite.sink.nextHold();
      const first = suite.worker.sender.drain();
      await held;
      expect(await other.sender.drain()).toBe(10);
      await suite.sink.releaseHeld('accept');
      expect(await first).toBe(20);
      const received = await arrived;
      expect(suite.sink.received.filter((item) => addresses.includes(item.to[0]!))).toHaveLength(30);
      expect(new Set(received.map((item) => item.mail.messageId)).size).toBe(30);
      for (const id of ids) expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      answer = () => 'accept';
      await other.close();
    }
  });

  it('retries a message the server refused after the backoff, and sends it once', async () => {
    answer = () => 'refuse';
    const { ids: [id], addresses: [address] } = await enqueue(1, 'refused');
    await suite.worker.sender.drain();
    const refused = await outboxRow(id!);
    expect(refused).toMatchObject({ status: 'queued', attempts: 1 });
    expect(refused.next_attempt_at.getTime()).toBe(clock.now().getTime() + 60 * SECOND);
    expect(refused.last_error).toMatch(/451/);
    expect(refused.last_error).not.toContain(address);
    answer = () => 'accept';
    clock.advance(60 * SECOND - 1);
    expect(await suite.worker.sender.drain()).toBe(0);
    clock.advance(1);
    const arrived = suite.sink.next(1, (received) => received.to.includes(address!));
    expect(await suite.worker.sender.drain()).toBe(1);
    await arrived;
    expect(await outboxRow(id!)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(suite.sink.received.filter((received) => received.to.includes(address!))).toHaveLength(1);
  });

  it('lets another sender take a message whose sender got stuck mid-send (killed) once the lease ends; sent once', async () => {
    const other = await createNotificationsWorker({ ...suite.environment, SMTP_URL: suite.sink.url }, clock);
    try {
      answer = () => 'hold';
      const { ids: [id], addresses: [address] } = await enqueue(1, 'stuck');
      const held = suite.sink.nextHold();
      const stuck = suite.worker.sender.drain();
      await held;
      answer = () => 'accept';
      expect(await other.sender.drain()).toBe(0);
      clock.advance(120 * SECOND);
      const arrived = suite.sink.next(1, (received) => received.to.includes(address!));
      expect(await other.sender.drain()).toBe(1);
      const [received] = await arrived;
      expect(received!.mail.messageId).toBe(`<${id}@loopwright.test>`);
      // The stuck send fails at last: the message is the other sender's now, and stays sent.
      await suite.sink.releaseHeld('fail');
      await stuck;
      expect(await outboxRow(id!)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(suite.sink.received.filter((item) => item.to.includes(address!))).toHaveLength(1);
    } finally {
      answer = () => 'accept';
      await other.close();
    }
  });

  it('holds mail without SMTP_URL and logs one line per message with its kind and id, never the address or subject', async () => {
    const lines: string[] = [];
    const capture = {
      log: (...parts: unknown[]) => void lines.push(JSON.stringify(parts)),
      error: (...parts: unknown[]) => void lines.push(JSON.stringify(parts)),
      warn: (...parts: unknown[]) => void lines.push(JSON.stringify(parts)),
    };
    const unconfigured = await createNotificationsWorker({ ...suite.environment, SMTP_URL: undefined }, clock, capture);
    try {
      const { ids, addresses } = await enqueue(2, 'held');
      await unconfigured.sender.drain();
      for (const id of ids) {
        expect(await outboxRow(id)).toMatchObject({ status: 'held', attempts: 0 });
        const about = lines.filter((line) => line.includes(id));
        expect(about).toHaveLength(1);
        expect(about[0]).toContain('"kind":"invite"');
      }
      const text = lines.join('\n');
      for (const address of addresses) expect(text).not.toContain(address);
      expect(text).not.toContain('Subject of held');
      expect(suite.sink.received.filter((item) => addresses.includes(item.to[0]!))).toHaveLength(0);
    } finally {
      await unconfigured.close();
    }
  });
});

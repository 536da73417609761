import {
  as,
  createTeam,
  notificationsSuite,
  NOTIFICATIONS_PUBLIC_URL as PUBLIC_URL,
  submitScorecard,
  TestClock,
  type ReceivedMail,
  type TestTeam,
} from '@loopwright/testing';

const HOUR = 3_600_000;
const SCORECARD = { recommendation: 'yes', summary: 'A careful and clear engineer, would hire.' };

describe('notifications: "I did not attend" and Remind now, through the API, the outbox and SMTP', () => {
  let outsiders: TestTeam;
  /** The API's clock (round started or ended, the Remind now window) and the worker's (the reminder scan), apart. */
  const base = Date.parse('2026-11-02T12:00:00Z');
  const apiClock = new TestClock(base);
  const workerClock = new TestClock(base);
  const suite = notificationsSuite({
    members: {
      admin: ['admin'],
      hiringManager: ['hiring_manager'],
      otherManager: ['hiring_manager'],
      recruiter: ['recruiter'],
      i1: ['interviewer'],
      i2: ['interviewer'],
      i3: ['interviewer'],
      i4: ['interviewer'],
    },
    clock: workerClock,
    apiClock,
  });
  const { api, user, outboxKeys } = suite;
  const mailTo = (key: string, kind?: string) =>
    suite.mailTo(key).filter((received: ReceivedMail) => !kind || received.mail.subject?.includes(kind));
  const kindsInOutbox = async (kind: string, roundId: string): Promise<number> => {
    const [row] = await suite.testApp.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM mail_outbox WHERE kind = $1 AND idempotency_key LIKE $2',
      [kind, `%${roundId}%`],
    );
    return row!.count;
  };
  const reminderKeys = (roundId: string): Promise<string[]> => outboxKeys(`reminder:${roundId}:`);
  const scanAndSend = async (): Promise<void> => {
    await suite.worker.reminders.scan();
    await suite.worker.sender.drain();
  };
  /** A round of a loop of its own, from `startsAt` for an hour, with the interviewer (and shadows). */
  const round = (interviewer: string, startsAt: number, shadows: string[] = []): Promise<{ loopId: string; roundId: string }> =>
    suite.addRound({ title: 'Coding', interviewer, shadows, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + HOUR).toISOString() });
  const notAttended = (key: string, roundId: string) => api(key).post(`/api/rounds/${roundId}/not-attended`);
  /** `{}`: the interviewer's seat. */
  const remind = (key: string, roundId: string, body: object = {}) => api(key).post(`/api/rounds/${roundId}/remind`).send(body);

  beforeAll(async () => {
    outsiders = await createTeam(suite.testApp, { admin: ['admin'], recruiter: ['recruiter'], interviewer: ['interviewer'] });
  });

  describe('POST /api/rounds/:id/not-attended', () => {
    it('stops the seat’s reminders at once, tells the recruiter by mail, shows on the loop, and is idempotent', async () => {
      const { loopId, roundId } = await round('i1', base - 10 * HOUR);
      await scanAndSend();
      expect(await reminderKeys(roundId)).toEqual([`reminder:${roundId}:${user('i1').id}:after-round`]);

      const said = (await notAttended('i1', roundId).expect(200)).body;
      expect(said).toEqual({ roundId, loopId, userId: user('i1').id, shadow: false, notAttendedAt: new Date(base).toISOString() });
      await suite.worker.sender.drain();
      const [mail, ...more] = mailTo('recruiter', 'Did not attend');
      expect(more).toHaveLength(0);
      expect(mail!.mail.subject).toBe(`Did not attend: ${user('i1').name}, Coding with Hedy Lamarr`);
      expect(mail!.mail.text).toContain(`${user('i1').name} says they did not attend "Coding" with Hedy Lamarr for ML Engineer`);
      expect(mail!.mail.text).toContain(`${PUBLIC_URL}/app/loops/${loopId}`);
      expect(mail!.mail.html).toContain(`href="${PUBLIC_URL}/app/loops/${loopId}"`);
      expect(mailTo('i1', 'Did not attend')).toHaveLength(0);

      // The due time and the escalation pass: no further reminder of this seat.
      workerClock.advance(40 * HOUR);
      await scanAndSend();
      expect(await reminderKeys(roundId)).toHaveLength(1);

      // Said again: the same answer, nothing more written or sent.
      apiClock.advance(60_000);
      expect((await notAttended('i1', roundId).expect(200)).body).toEqual(said);
      expect(await kindsInOutbox('not-attended', roundId)).toBe(1);
      const audited = await suite.testApp.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'loop.round_not_attended'`,
        [roundId],
      );
      expect(audited).toHaveLength(1);

      const loop = (await api('recruiter').get(`/api/loops/${loopId}`).expect(200)).body;
      expect(loop.rounds[0].notAttended).toEqual([{ userId: user('i1').id, name: user('i1').name, shadow: false, at: said.notAttendedAt }]);

      // Reassigning clears it, and the new interviewer's ladder starts.
      await api('recruiter').patch(`/api/loops/${loopId}/rounds/${roundId}`).send({ interviewerId: user('i2').id }).expect(200);
      expect((await api('recruiter').get(`/api/loops/${loopId}`).expect(200)).body.rounds[0].notAttended).toEqual([]);
      await scanAndSend();
      expect((await reminderKeys(roundId)).filter((key) => key.includes(user('i2').id))).toHaveLength(1);
    });

    it('is for the round’s own seats: a shadow for theirs; 404 for anyone else, staff and other organizations included', async () => {
      const { loopId, roundId } = await round('i3', base - 30 * HOUR, ['i4']);
      for (const caller of [api('i1'), api('recruiter'), api('admin'), as(suite.testApp, outsiders.users.interviewer!), as(suite.testApp, outsiders.users.admin!)]) {
        expect((await caller.post(`/api/rounds/${roundId}/not-attended`).expect(404)).body.code).toBe('NOT_FOUND');
      }
      const shadow = (await notAttended('i4', roundId).expect(200)).body;
      expect(shadow).toMatchObject({ userId: user('i4').id, shadow: true });
      const loop = (await api('recruiter').get(`/api/loops/${loopId}`).expect(200)).body;
      expect(loop.rounds[0].notAttended).toEqual([expect.objectContaining({ userId: user('i4').id, shadow: true })]);
      // The interviewer's seat is theirs alone: untouched by the shadow's word.
      expect(loop.rounds[0].notAttended).toHaveLength(1);
      await api('i1').post('/api/rounds/not-a-uuid/not-attended').expect(400);
    });

    it('is refused once the seat’s scorecard is submitted, and before the round has started (409)', async () => {
      const held = await round('i2', base - 60 * HOUR);
      await submitScorecard(api('i2'), held.roundId, { ratings: [{ pillarId: suite.pillarId, rating: 'yes', notes: 'Solid on the coding task.' }], ...SCORECARD });
      expect((await notAttended('i2', held.roundId).expect(409)).body.code).toBe('SCORECARD_SUBMITTED');

      const upcoming = await round('i2', base + 20 * HOUR);
      expect((await notAttended('i2', upcoming.roundId).expect(409)).body.code).toBe('ROUND_NOT_STARTED');
      const loop = (await api('recruiter').get(`/api/loops/${upcoming.loopId}`).expect(200)).body;
      expect(loop.rounds[0].notAttended).toEqual([]);
    });
  });

  describe('POST /api/rounds/:id/remind', () => {
    it('mails one reminder now; again within 4 hours is 429 REMINDED_RECENTLY with Retry-After; after the window, another', async () => {
      // Scheduled before it took place (80 h ago): the write-up was due 24 h after its end, long past.
      const now = apiClock.now().getTime();
      apiClock.advance(-100 * HOUR);
      const { roundId } = await round('i3', base - 80 * HOUR);
      apiClock.advance(now - apiClock.now().getTime());
      const before = mailTo('i3').length;
      const sent = (await remind('recruiter', roundId).expect(202)).body;
      expect(sent).toEqual({
        roundId,
        userId: user('i3').id,
        shadow: false,
        remindedAt: apiClock.now().toISOString(),
        nextAllowedAt: new Date(apiClock.now().getTime() + 4 * HOUR).toISOString(),
      });
      await suite.worker.sender.drain();
      const arrived = mailTo('i3').slice(before);
      expect(arrived).toHaveLength(1);
      expect(arrived[0]!.mail.subject).toBe('Overdue: your scorecard of Hedy Lamarr, Coding');
      expect(arrived[0]!.mail.text).toContain(`${user('recruiter').name} asks you to write up your scorecard of "Coding"`);
      expect(arrived[0]!.mail.text).toContain(`${PUBLIC_URL}/app/rounds/${roundId}`);

      apiClock.advance(HOUR);
      const refused = await remind('hiringManager', roundId).expect(429);
      expect(refused.body.code).toBe('REMINDED_RECENTLY');
      expect(refused.headers['retry-after']).toBe(String(3 * 3600));
      expect(refused.body.details.nextAllowedAt).toBe(sent.nextAllowedAt);

      apiClock.advance(3 * HOUR);
      await remind('admin', roundId).expect(202);
      await suite.worker.sender.drain();
      expect(mailTo('i3').slice(before)).toHaveLength(2);
      expect(await kindsInOutbox('reminder-now', roundId)).toBe(2);
    });

    it('holds the limit between concurrent requests: one is sent, the other refused', async () => {
      const { roundId } = await round('i1', base - 100 * HOUR);
      const answers = await Promise.all([remind('recruiter', roundId), remind('admin', roundId), remind('hiringManager', roundId)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([202, 429, 429]);
      expect(await kindsInOutbox('reminder-now', roundId)).toBe(1);
    });

    it('reminds a shadow when named; refuses submitted seats, rounds not ended, those who did not attend, and anyone not allowed', async () => {
      const { roundId } = await round('i2', base - 120 * HOUR, ['i4']);
      expect((await remind('recruiter', roundId, { interviewerId: user('i4').id }).expect(202)).body).toMatchObject({ userId: user('i4').id, shadow: true });
      const wrong = await remind('recruiter', roundId, { interviewerId: user('i1').id }).expect(400);
      expect(wrong.body.details.fields).toEqual([expect.objectContaining({ field: 'interviewerId' })]);
      await remind('recruiter', roundId, { interviewerId: 'not-a-uuid' }).expect(400);
      await remind('recruiter', roundId, { interviewerId: null }).expect(400);
      await remind('recruiter', roundId, { extra: true }).expect(400);

      await submitScorecard(api('i2'), roundId, { ratings: [{ pillarId: suite.pillarId, rating: 'no', notes: 'Struggled with the task.' }], ...SCORECARD });
      expect((await remind('recruiter', roundId).expect(409)).body.code).toBe('SCORECARD_SUBMITTED');

      const upcoming = await round('i1', apiClock.now().getTime() - HOUR / 2);
      expect((await remind('recruiter', upcoming.roundId).expect(409)).body.code).toBe('ROUND_NOT_ENDED');

      const absent = await round('i3', base - 140 * HOUR);
      await notAttended('i3', absent.roundId).expect(200);
      expect((await remind('recruiter', absent.roundId).expect(409)).body.code).toBe('SEAT_NOT_ATTENDED');

      const ended = await round('i1', base - 160 * HOUR);
      expect((await remind('i1', ended.roundId).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await remind('otherManager', ended.roundId).expect(403)).body.code).toBe('FORBIDDEN');
      await as(suite.testApp, outsiders.users.recruiter!).post(`/api/rounds/${ended.roundId}/remind`).send({}).expect(404);
      expect(await kindsInOutbox('reminder-now', ended.roundId)).toBe(0);
    });
  });
});

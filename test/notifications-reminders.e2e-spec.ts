import {
  createNotificationsWorker,
  notificationsSuite,
  NOTIFICATIONS_PUBLIC_URL as PUBLIC_URL,
  statementsDuring,
  submitScorecard,
  TestClock,
  type NotificationsWorker,
} from '@loopwright/testing';

describe('notifications: the scorecard reminder ladder, scanned by the worker and mailed through SMTP', () => {
  const clock = new TestClock(Date.parse('2026-06-01T00:00:00Z'));
  const suite = notificationsSuite({
    members: { admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'], i1: ['interviewer'], i2: ['interviewer'], i3: ['interviewer'] },
    timezones: { i1: 'Europe/Berlin', recruiter: 'Europe/London' },
    clock,
    // The API records the rounds by the same clock: a round's due times count from when it was recorded, if later than its end.
    apiClock: clock,
  });
  const { api, user, mailTo, heldRound, outboxKeys } = suite;
  /** A worker's timer firing: the scan, then the sender. */
  const scanAndSend = async (scanner: NotificationsWorker = suite.worker): Promise<void> => {
    await scanner.reminders.scan();
    await scanner.sender.drain();
  };
  const scanAndSendAt = async (iso: string): Promise<void> => {
    clock.set(iso);
    await scanAndSend();
  };

  it('mails the after-round reminder at the next scan after round end + 1 h, then the due and escalation steps to the right people', async () => {
    // Thursday 4 June 2026, 16:00 Berlin time; the write-up is due 24 h later.
    const roundId = await heldRound('i1', '2026-06-04T14:00:00.000Z');
    const roundUrl = `${PUBLIC_URL}/app/rounds/${roundId}`;

    await scanAndSendAt('2026-06-04T14:59:00Z');
    expect(mailTo('i1')).toHaveLength(0);

    await scanAndSendAt('2026-06-04T15:01:00Z');
    expect(mailTo('i1')).toHaveLength(1);
    const [afterRound] = mailTo('i1');
    expect(afterRound!.mail.subject).toBe('Reminder: your scorecard of Hedy Lamarr, Coding');
    expect(afterRound!.mail.text).toContain('is due Friday 5 June 2026, 16:00 CEST');
    expect(afterRound!.mail.text).toContain(roundUrl);
    expect(afterRound!.mail.html).toContain(`href="${roundUrl}"`);
    expect(afterRound!.mail.text).toContain('cannot be turned off');
    expect(mailTo('recruiter')).toHaveLength(0);

    // Another scan a minute later: nothing new.
    await scanAndSendAt('2026-06-04T15:02:00Z');
    expect(mailTo('i1')).toHaveLength(1);

    // 4 h before the due time: the interviewer only.
    await scanAndSendAt('2026-06-05T10:00:00Z');
    expect(mailTo('i1')).toHaveLength(2);
    expect(mailTo('recruiter')).toHaveLength(0);

    // At the due time and a day late: the interviewer; the recruiter and the hiring manager hear of it in their daily digest, not from the scan.
    await scanAndSendAt('2026-06-05T14:00:30Z');
    expect(mailTo('i1')).toHaveLength(3);
    await scanAndSendAt('2026-06-06T14:00:00Z');
    expect(mailTo('i1').at(-1)!.mail.subject).toBe('Overdue: your scorecard of Hedy Lamarr, Coding');
    expect(mailTo('i1').at(-1)!.mail.text).toContain('was due Friday 5 June 2026, 16:00 CEST');
    expect(mailTo('recruiter')).toHaveLength(0);
    expect(mailTo('hiringManager')).toHaveLength(0);

    // The weekend passes without mail; Monday 09:00 in Berlin brings daily-1.
    await scanAndSendAt('2026-06-08T06:59:00Z');
    expect(mailTo('i1')).toHaveLength(4);
    await scanAndSendAt('2026-06-08T07:00:00Z');
    expect(mailTo('i1')).toHaveLength(5);
    expect(await outboxKeys(`reminder:${roundId}:`)).toEqual(
      ['after-round', 'at-due', 'before-due', 'daily-1', 'escalate'].map((step) => `reminder:${roundId}:${user('i1').id}:${step}`),
    );
  });

  it('counts the ladder of a round recorded after the fact from its recording: no Overdue mail at once, Overdue a day after it is due; submitting stops it', async () => {
    clock.set('2026-06-10T12:00:00Z');
    // Ended three days ago, entered only now: the write-up is due 24 h from now, not two days ago.
    const roundId = await heldRound('i2', '2026-06-07T12:00:00.000Z');
    await scanAndSend();
    await scanAndSend();
    expect(mailTo('i2')).toHaveLength(1);
    expect(mailTo('i2')[0]!.mail.subject).toBe('Reminder: your scorecard of Hedy Lamarr, Coding');
    expect(mailTo('i2')[0]!.mail.text).toContain('is due Thursday 11 June 2026, 12:00');
    expect(await outboxKeys(`reminder:${roundId}:`)).toEqual([`reminder:${roundId}:${user('i2').id}:after-round`]);

    // Due − 4 h and the due time: still reminders.
    await scanAndSendAt('2026-06-11T08:00:00Z');
    await scanAndSendAt('2026-06-11T12:00:00Z');
    expect(mailTo('i2').map((received) => (received.mail.subject ?? '').split(':')[0])).toEqual(['Reminder', 'Reminder', 'Reminder']);
    // A day after the due time: overdue.
    await scanAndSendAt('2026-06-12T12:00:00Z');
    expect(mailTo('i2')).toHaveLength(4);
    expect(mailTo('i2').at(-1)!.mail.subject).toBe('Overdue: your scorecard of Hedy Lamarr, Coding');
    expect(mailTo('i2').at(-1)!.mail.text).toContain('was due Thursday 11 June 2026, 12:00');

    await submitScorecard(api('i2'), roundId, {
      ratings: [{ pillarId: suite.pillarId, rating: 'yes', notes: 'Solid on the coding task.' }],
      recommendation: 'yes',
      summary: 'A careful and clear engineer, would hire.',
    });
    await scanAndSendAt('2026-06-16T12:00:00Z');
    expect(mailTo('i2')).toHaveLength(4);
    expect(await outboxKeys(`reminder:${roundId}:`)).toHaveLength(4);
  });

  it('starts the ladder afresh for a new interviewer, and none for the one who left', async () => {
    clock.set('2026-06-15T12:00:00Z');
    const roundId = await heldRound('i3', '2026-06-15T10:00:00.000Z', 'Design');
    await scanAndSend();
    expect(await outboxKeys(`reminder:${roundId}:`)).toEqual([`reminder:${roundId}:${user('i3').id}:after-round`]);
    await api('recruiter').patch(`/api/loops/${suite.loopOf(roundId)}/rounds/${roundId}`).send({ interviewerId: user('i2').id }).expect(200);
    await scanAndSend();
    // The keys come sorted, and the user ids in them are random: sort the expected ones alike.
    expect(await outboxKeys(`reminder:${roundId}:`)).toEqual(
      [`reminder:${roundId}:${user('i2').id}:after-round`, `reminder:${roundId}:${user('i3').id}:after-round`].sort(),
    );
    // Recorded two hours after its end: due 24 h after the recording.
    await scanAndSendAt('2026-06-16T12:00:00Z');
    expect((await outboxKeys(`reminder:${roundId}:`)).filter((key) => key.includes(user('i3').id))).toHaveLength(1);
    expect(await outboxKeys(`reminder:${roundId}:${user('i2').id}:at-due`)).toHaveLength(1);
  });

  it('stops the ladder at once when the loop is cancelled', async () => {
    clock.set('2026-06-17T12:00:00Z');
    const roundId = await heldRound('i1', '2026-06-17T10:00:00.000Z', 'Cancelled');
    await scanAndSend();
    expect(await outboxKeys(`reminder:${roundId}:`)).toEqual([`reminder:${roundId}:${user('i1').id}:after-round`]);
    await api('recruiter').post(`/api/loops/${suite.loopOf(roundId)}/cancel`).send({ reason: 'The candidate withdrew' }).expect(200);
    await scanAndSendAt('2026-06-18T10:00:00Z');
    expect(await outboxKeys(`reminder:${roundId}:`)).toHaveLength(1);
  });

  it('mails each reminder once with two workers scanning at the same time', async () => {
    const second = await createNotificationsWorker({ ...suite.environment, SMTP_URL: suite.sink.url }, clock);
    try {
      clock.set('2026-06-20T12:00:00Z');
      const roundIds = [await heldRound('i1', '2026-06-20T10:00:00.000Z', 'Systems'), await heldRound('i3', '2026-06-20T10:30:00.000Z', 'Systems')];
      const before = suite.sink.received.length;
      await Promise.all([suite.worker.reminders.scan(), second.reminders.scan(), suite.worker.reminders.scan(), second.reminders.scan()]);
      await Promise.all([suite.worker.sender.drain(), second.sender.drain()]);
      for (const roundId of roundIds) expect(await outboxKeys(`reminder:${roundId}:`)).toHaveLength(1);
      const arrived = suite.sink.received.slice(before).filter((mail) => mail.mail.text?.includes('Systems'));
      expect(arrived).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('takes the same number of statements to scan 10 due seats as 100: one query finds them, one insert enqueues', async () => {
    /** `count` due seats of i2: a round by the API, cloned every 2 h back (starting at `endsAt`, so the seeds never overlap). */
    const seed = async (count: number, endsAt: string): Promise<void> => {
      const roundId = await heldRound('i2', endsAt, `Seed ${count}`);
      await suite.testApp.dataSource.query(
        `INSERT INTO loop_rounds (organization_id, loop_id, position, title, pillar_ids, duration_minutes, starts_at, ends_at, interviewer_id)
         SELECT organization_id, loop_id, position + g, title, pillar_ids, duration_minutes, starts_at - g * interval '2 hours', ends_at - g * interval '2 hours', interviewer_id
           FROM loop_rounds, generate_series(1, $2::int - 1) g WHERE id = $1`,
        [roundId, count],
      );
    };
    clock.set('2026-07-01T12:00:00Z');
    await suite.worker.reminders.scan();
    const scanned = async (count: number, endsAt: string) => {
      await seed(count, endsAt);
      let seats = 0;
      const statements = await statementsDuring(async () => (seats = await suite.worker.reminders.scan()));
      return { seats, statements };
    };
    const ten = await scanned(10, '2026-07-01T10:00:00.000Z');
    const hundred = await scanned(100, '2026-07-01T11:00:00.000Z');
    expect(ten.seats).toBe(10);
    expect(hundred.seats).toBe(100);
    expect(hundred.statements).toHaveLength(ten.statements.length);
    expect(hundred.statements.filter((sql) => /FROM loop_rounds/.test(sql))).toHaveLength(1);
    expect(hundred.statements.filter((sql) => /INSERT INTO mail_outbox/.test(sql))).toHaveLength(1);
    expect(ten.statements.length).toBeLessThanOrEqual(8);
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import {
  createNotificationsWorker,
  notificationsSuite,
  NOTIFICATIONS_PUBLIC_URL as PUBLIC_URL,
  statementsDuring,
  submitScorecard,
  TestClock,
  unusedPort,
} from '@loopwright/testing';

/** A local stand-in for Slack's incoming webhook: records each JSON body; answers `status(index)` (200 "ok" by default). */
class WebhookReceiver {
  readonly bodies: unknown[] = [];
  private offered = 0;
  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly status: (index: number) => number,
  ) {}

  static async start(status: (index: number) => number = () => 200): Promise<WebhookReceiver> {
    const port = await unusedPort();
    let receiver: WebhookReceiver | null = null;
    const server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const code = receiver!.status(receiver!.offered++);
        if (code === 200) receiver!.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(code, { 'content-type': 'text/plain' }).end(code === 200 ? 'ok' : 'server_error');
      });
    });
    receiver = new WebhookReceiver(server, port, status);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  get offeredCount(): number {
    return this.offered;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('notifications: once-a-day digests of overdue scorecards, preferences and the Slack channel', () => {
  let receiver: WebhookReceiver;
  const roundIds: string[] = [];
  const clock = new TestClock(Date.parse('2026-06-01T00:00:00Z'));
  const suite = notificationsSuite({
    members: { admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'], i1: ['interviewer'], i2: ['interviewer'] },
    environment: { MAIL_RETRY_FIRST_SECONDS: '60' },
    timezones: { recruiter: 'Europe/London', hiringManager: 'America/New_York' },
    clock,
    // The API records the rounds by the same clock: a round's due times count from when it was recorded, if later than its end.
    apiClock: clock,
  });
  const { api, user, mailTo } = suite;
  const digestKeys = async (): Promise<string[]> =>
    (
      await suite.testApp.dataSource.query<{ idempotency_key: string }[]>(
        `SELECT idempotency_key FROM mail_outbox WHERE kind = 'reminder-digest' ORDER BY idempotency_key`,
      )
    ).map((row) => row.idempotency_key);
  /** The worker's timer: the scan, the digests, the sender. */
  const pass = async (): Promise<void> => {
    await suite.worker.reminders.scan();
    await suite.worker.digests.run();
    await suite.worker.sender.drain();
  };
  const passAt = async (iso: string): Promise<void> => {
    clock.set(iso);
    await pass();
  };
  const heldRound = (endsAt: string, title: string, interviewer: string): Promise<string> =>
    suite.heldRound(interviewer, endsAt, title, { name: 'Grace <b>Hopper</b>' });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start((index) => (index === 0 ? 500 : 200));
    // Two rounds ending Tuesday 2 June 2026; their write-ups are due Wednesday 3 June, 10:00 and 11:00 UTC.
    roundIds.push(await heldRound('2026-06-02T10:00:00.000Z', 'Coding', 'i1'), await heldRound('2026-06-02T11:00:00.000Z', 'Design', 'i2'));
  });

  afterAll(async () => {
    await receiver?.close();
  });

  describe('preferences', () => {
    it('lists every kind, on by default; the digest can be turned off, one’s own reminders cannot', async () => {
      const initial = (await api('i1').get('/api/me/notification-preferences').expect(200)).body;
      expect(initial.preferences).toEqual([
        expect.objectContaining({ kind: 'reminder', enabled: true, optional: false }),
        expect.objectContaining({ kind: 'reminder-digest', enabled: true, optional: true }),
      ]);
      const off = await api('i1').put('/api/me/notification-preferences').send({ preferences: [{ kind: 'reminder-digest', enabled: false }] }).expect(200);
      expect(off.body.preferences[1]).toMatchObject({ kind: 'reminder-digest', enabled: false });
      expect((await api('i1').get('/api/me/notification-preferences').expect(200)).body.preferences[1].enabled).toBe(false);
      await api('i1').put('/api/me/notification-preferences').send({ preferences: [{ kind: 'reminder-digest', enabled: true }] }).expect(200);
    });

    it.each([
      [{ preferences: [{ kind: 'weekly-newsletter', enabled: false }] }, 'preferences.0.kind'],
      [{ preferences: [{ kind: 'reminder-digest', enabled: false }, { kind: 'reminder', enabled: false }] }, 'preferences.1.enabled'],
      [{ preferences: [{ kind: 'reminder-digest', enabled: 'no' }] }, 'preferences.0.enabled'],
      [{ preferences: [], digest: false }, 'digest'],
    ])('refuses %j with 400 naming %s, and writes nothing', async (body, field) => {
      const response = await api('i2').put('/api/me/notification-preferences').send(body).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.body.details)).toContain(field);
      const rows = await suite.testApp.dataSource.query('SELECT 1 FROM notification_preferences WHERE user_id = $1', [user('i2').id]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('the Slack setting', () => {
    it('is for admins; the URL is answered masked, audited without it, and must be https (http only to this machine)', async () => {
      await api('recruiter').get('/api/organization/notifications').expect(403);
      await api('recruiter').put('/api/organization/notifications').send({ slackWebhookUrl: 'https://hooks.slack.com/services/x' }).expect(403);
      expect((await api('admin').get('/api/organization/notifications').expect(200)).body).toEqual({ slackWebhookUrl: null, slackConfigured: false, updatedAt: null });
      for (const slackWebhookUrl of ['ftp://hooks.example.test/x', 'http://hooks.example.test/x', 'not a url', 42]) {
        const refused = await api('admin').put('/api/organization/notifications').send({ slackWebhookUrl }).expect(400);
        expect(JSON.stringify(refused.body.details)).toContain('slackWebhookUrl');
      }
      const secretUrl = `http://127.0.0.1:${receiver.port}/services/T0SECRET/B0SECRET/xoxSecretPart9z`;
      const saved = (await api('admin').put('/api/organization/notifications').send({ slackWebhookUrl: secretUrl }).expect(200)).body;
      expect(saved).toMatchObject({ slackWebhookUrl: `http://127.0.0.1:${receiver.port}/…rt9z`, slackConfigured: true });
      const read = await api('admin').get('/api/organization/notifications').expect(200);
      expect(read.text).not.toContain('SECRET');
      const audit = await api('admin').get('/api/audit-events?action=organization.notifications_updated').expect(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.text).not.toContain('SECRET');
      // Turned off again until the channel test sets it.
      await api('admin').put('/api/organization/notifications').send({ slackWebhookUrl: null }).expect(200);
      expect((await api('admin').get('/api/organization/notifications').expect(200)).body.slackConfigured).toBe(false);
    });
  });

  it('sends each reader one digest a day at 09:00 on business days in their zone, the hiring manager from a day late', async () => {
    // Wednesday 3 June, 11:30 UTC: both are overdue, but the digests of today went by (nothing was due at 09:00).
    await passAt('2026-06-03T11:30:00Z');
    // 12:30 BST in London: the recruiter's digest of today; 07:30 EDT in New York: not the hiring manager's hour yet.
    expect(mailTo('recruiter')).toHaveLength(1);
    const [first] = mailTo('recruiter');
    expect(first!.mail.subject).toBe('Overdue scorecards: 2 not submitted');
    expect(first!.mail.text).toContain(`${user('i1').name}: "Coding" with Grace <b>Hopper</b> for ML Engineer, due Wednesday 3 June 2026, 11:00 BST`);
    expect(first!.mail.text).toContain(`${user('i2').name}: "Design"`);
    expect(first!.mail.html).toContain('Grace &lt;b&gt;Hopper&lt;/b&gt;');
    expect(first!.mail.text).toContain(`${PUBLIC_URL}/app/settings/notifications`);
    expect(mailTo('hiringManager')).toHaveLength(0);
    expect(mailTo('i1').every((mail) => !mail.mail.subject!.startsWith('Overdue scorecards'))).toBe(true);

    // Later that day and with two workers at once: still one digest each.
    clock.set('2026-06-03T16:00:00Z');
    const second = await createNotificationsWorker({ ...suite.environment, SMTP_URL: suite.sink.url }, clock);
    try {
      await Promise.all([suite.worker.digests.run(), second.digests.run(), suite.worker.digests.run()]);
    } finally {
      await second.close();
    }
    await suite.worker.sender.drain();
    expect(mailTo('recruiter')).toHaveLength(1);
    // 12:00 EDT, but neither scorecard is a day late yet: no digest for the hiring manager.
    expect(mailTo('hiringManager')).toHaveLength(0);

    // Thursday 09:00 EDT (13:00 UTC), a day late: the hiring manager's first digest; the recruiter's of Thursday came at 08:00 UTC.
    await passAt('2026-06-04T08:00:00Z');
    expect(mailTo('recruiter')).toHaveLength(2);
    await passAt('2026-06-04T13:00:00Z');
    expect(mailTo('hiringManager')).toHaveLength(1);
    expect(mailTo('hiringManager')[0]!.mail.text).toContain('(more than a day late)');
    expect(mailTo('hiringManager')[0]!.mail.text).toContain('due Wednesday 3 June 2026, 06:00 EDT');

    // The hiring manager turns the digest off; i2 submits. Friday: the recruiter's digest lists one scorecard.
    await api('hiringManager').put('/api/me/notification-preferences').send({ preferences: [{ kind: 'reminder-digest', enabled: false }] }).expect(200);
    await submitScorecard(api('i2'), roundIds[1]!, {
      ratings: [{ pillarId: suite.pillarId, rating: 'yes', notes: 'Solid on the design task.' }],
      recommendation: 'yes',
      summary: 'A careful and clear engineer, would hire.',
    });
    await passAt('2026-06-05T14:00:00Z');
    expect(mailTo('recruiter')).toHaveLength(3);
    expect(mailTo('recruiter')[2]!.mail.subject).toBe('Overdue scorecards: 1 not submitted');
    expect(mailTo('hiringManager')).toHaveLength(1);

    // Saturday and Sunday: none.
    await passAt('2026-06-06T12:00:00Z');
    await passAt('2026-06-07T12:00:00Z');
    expect(mailTo('recruiter')).toHaveLength(3);
    const keys = await digestKeys();
    expect(keys.filter((key) => key.includes(user('recruiter').id))).toEqual(
      ['2026-06-03', '2026-06-04', '2026-06-05'].map((date) => `reminder-digest:${user('recruiter').id}:${date}`),
    );
  });

  it('posts the channel digest to Slack once a day (09:00 in the organization’s zone), retrying a failed post', async () => {
    const url = `http://127.0.0.1:${receiver.port}/services/T0/B0/channel`;
    await api('admin').put('/api/organization/notifications').send({ slackWebhookUrl: url }).expect(200);
    // The organization's zone is UTC: Monday 8 June, 09:05.
    clock.set('2026-06-08T09:05:00Z');
    await suite.worker.digests.run();
    await suite.worker.digests.run();
    await suite.worker.slack.drain();
    // The receiver refused the first post (500): queued again with the code and status, nothing else.
    expect(receiver.offeredCount).toBe(1);
    const [queued] = await suite.testApp.dataSource.query<{ status: string; last_error: string; idempotency_key: string }[]>(
      'SELECT status, last_error, idempotency_key FROM slack_outbox WHERE organization_id = $1',
      [suite.team.organization.id],
    );
    expect(queued).toEqual({ status: 'queued', last_error: 'slack_webhook_http_error 500', idempotency_key: `slack-digest:${suite.team.organization.id}:2026-06-08` });
    await suite.worker.slack.drain();
    expect(receiver.offeredCount).toBe(1);
    clock.set('2026-06-08T09:07:00Z');
    await suite.worker.slack.drain();
    expect(receiver.bodies).toHaveLength(1);
    const body = receiver.bodies[0] as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(body.text).toBe('1 scorecard is overdue');
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Overdue scorecards: 1' } });
    expect(body.blocks[1]!.text!.text).toContain(`*${user('i1').name}*: <${PUBLIC_URL}/app/loops/`);
    expect(body.blocks[1]!.text!.text).toContain('“Coding” for ML Engineer');
    expect(JSON.stringify(body)).not.toContain('Hopper');
    const [sent] = await suite.testApp.dataSource.query<{ status: string }[]>('SELECT status FROM slack_outbox WHERE organization_id = $1', [
      suite.team.organization.id,
    ]);
    expect(sent!.status).toBe('sent');
  });

  it('takes the same statements for 10 overdue scorecards as for 100', async () => {
    const seed = async (count: number, endsAt: string): Promise<void> => {
      const roundId = await heldRound(endsAt, `Seed ${count}`, 'i2');
      await suite.testApp.dataSource.query(
        `INSERT INTO loop_rounds (organization_id, loop_id, position, title, pillar_ids, duration_minutes, starts_at, ends_at, interviewer_id)
         SELECT organization_id, loop_id, position + g, title, pillar_ids, duration_minutes, starts_at - g * interval '2 hours', ends_at - g * interval '2 hours', interviewer_id
           FROM loop_rounds, generate_series(1, $2::int - 1) g WHERE id = $1`,
        [roundId, count],
      );
    };
    await seed(10, '2026-06-08T10:00:00.000Z');
    clock.set('2026-06-10T09:30:00Z');
    const ten = await statementsDuring(() => suite.worker.digests.run());
    await seed(90, '2026-06-18T11:00:00.000Z');
    clock.set('2026-06-22T09:30:00Z');
    const hundred = await statementsDuring(() => suite.worker.digests.run());
    expect(hundred).toHaveLength(ten.length);
    expect(hundred.filter((sql) => /FROM loop_rounds/.test(sql))).toHaveLength(1);
    expect(ten.length).toBeLessThanOrEqual(11);
  });
});

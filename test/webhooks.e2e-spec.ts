import { AppConfig, Clock } from '@loopwright/core';
import { as, createCandidate, createTeam, createTestApp, createWebhooksWorker, unusedPort, type TestApp, type TestTeam, type WebhooksWorker } from '@loopwright/testing';
import { WebhookSender, signatureHeader } from '@loopwright/webhooks';
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** Real time shifted by what the test advanced: signatures stay fresh for the verifier, retries come due at once. */
class ShiftedClock extends Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** An HTTP receiver on 127.0.0.1: answers each path with the statuses queued for it (200 once they run out). */
class Receiver {
  readonly received: Received[] = [];
  private readonly answers = new Map<string, number[]>();
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<Receiver> {
    const port = await unusedPort();
    let receiver: Receiver | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
        receiver!.received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(receiver!.answers.get(path)?.shift() ?? 200).end();
      });
    });
    receiver = new Receiver(server, port);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  url(path: string, ...statuses: number[]): string {
    this.answers.set(path, statuses);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((received) => received.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const verified = (secret: string, received: Received): unknown => new Webhook(secret).verify(received.body, received.headers);

describe('webhooks: signed deliveries of domain events to a real receiver, verified with the standardwebhooks package', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;
  let receiver: Receiver;
  let worker: WebhooksWorker;
  const clock = new ShiftedClock();
  const api = (key: string) => as(testApp, team.users[key]!);
  const deliveriesOf = async (endpointId: string) => (await api('admin').get(`/api/webhook-endpoints/${endpointId}/deliveries`).expect(200)).body.items as Record<string, unknown>[];
  /** Sends what is due, then moves the clock to the next retry. */
  const sendAndWait = async (endpointId: string): Promise<void> => {
    await worker.sender.drain();
    const [latest] = await deliveriesOf(endpointId);
    if (latest?.nextAttemptAt) clock.advance(Date.parse(latest.nextAttemptAt as string) - clock.now().getTime());
  };

  beforeAll(async () => {
    process.env.WEBHOOKS_ALLOW_PRIVATE = 'true';
    receiver = await Receiver.start();
    testApp = await createTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
    [team, other] = await Promise.all([createTeam(testApp, { admin: ['admin'], recruiter: ['recruiter'] }), createTeam(testApp, { admin: ['admin'] })]);
    worker = await createWebhooksWorker(clock);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await testApp?.close();
    await receiver?.close();
    delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  });

  it('refuses bad input naming the field, non-admins (403) and another organization (404)', async () => {
    const bad = [
      [{ url: 'ftp://hooks.example.test/x', events: ['loop.decided'] }, 'url'],
      [{ url: 'https://user:pw@hooks.example.test/x', events: ['loop.decided'] }, 'url'],
      [{ url: 'https://hooks.example.test/x', events: [] }, 'events'],
      [{ url: 'https://hooks.example.test/x', events: ['candidate.updated'] }, 'events'],
      [{ url: 'https://hooks.example.test/x', events: ['loop.decided'], active: null }, 'active'],
      [{ url: 'https://hooks.example.test/x', events: ['loop.decided'], secret: 'mine' }, 'secret'],
    ] as const;
    for (const [body, field] of bad) {
      const refused = await api('admin').post('/api/webhook-endpoints').send(body).expect(400);
      expect(JSON.stringify(refused.body.details)).toContain(field);
    }
    expect((await api('admin').get('/api/webhook-endpoints').expect(200)).body).toEqual({ items: [], nextCursor: null });
    await api('recruiter').post('/api/webhook-endpoints').send({ url: 'https://hooks.example.test/x', events: ['loop.decided'] }).expect(403);
    await api('recruiter').get('/api/webhook-endpoints').expect(403);

    const created = (await api('admin').post('/api/webhook-endpoints').send({ url: 'https://hooks.example.test/x', events: ['loop.decided'], active: false }).expect(201)).body;
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    const read = (await api('admin').get(`/api/webhook-endpoints/${created.id}`).expect(200)).body;
    expect(read).toMatchObject({ url: 'https://hooks.example.test/x', events: ['loop.decided'], active: false, disabledReason: null });
    expect(JSON.stringify(read)).not.toContain(created.secret.slice(6));
    await api('admin').patch(`/api/webhook-endpoints/${created.id}`).send({ events: ['nope'] }).expect(400);
    await api('admin').post(`/api/webhook-endpoints/${created.id}/test`).expect(409);

    const stranger = as(testApp, other.users.admin!);
    await stranger.get(`/api/webhook-endpoints/${created.id}`).expect(404);
    await stranger.patch(`/api/webhook-endpoints/${created.id}`).send({ active: true }).expect(404);
    await stranger.post(`/api/webhook-endpoints/${created.id}/rotate-secret`).expect(404);
    await stranger.get(`/api/webhook-endpoints/${created.id}/deliveries`).expect(404);
    await stranger.delete(`/api/webhook-endpoints/${created.id}`).expect(404);
    await api('admin').delete(`/api/webhook-endpoints/${created.id}`).expect(204);
    await api('admin').get(`/api/webhook-endpoints/${created.id}`).expect(404);
  });

  it('500, 500, 200: three attempts with the same webhook-id, each verified; a thin payload; redelivery keeps the id', async () => {
    const url = receiver.url('/retry', 500, 500);
    const endpoint = (await api('admin').post('/api/webhook-endpoints').send({ url, events: ['candidate.anonymized'] }).expect(201)).body;
    const candidateId = await createCandidate(api('recruiter'), { name: 'Grace Hopper', email: 'grace@example.test' });
    const erasure = (await api('recruiter').post(`/api/candidates/${candidateId}/erasure`).send({ mode: 'anonymize', reason: 'Asked to be forgotten' }).expect(201)).body;
    await worker.dispatcher.drain();
    for (let attempt = 0; attempt < 3; attempt += 1) await sendAndWait(endpoint.id);

    const attempts = receiver.at('/retry');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((received) => received.headers['webhook-id'])).size).toBe(1);
    for (const received of attempts) expect(verified(endpoint.secret, received)).toMatchObject({ type: 'candidate.anonymized' });
    const body = JSON.parse(attempts[2]!.body);
    expect(body).toEqual({ type: 'candidate.anonymized', timestamp: expect.any(String), data: { candidateId, erasureId: erasure.id } });
    expect(attempts[2]!.body).not.toMatch(/Grace|grace@/);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200, lastError: null, nextAttemptAt: null, type: 'candidate.anonymized' });
    expect(delivery!.messageId).toBe(attempts[0]!.headers['webhook-id']);

    await api('admin').post(`/api/webhook-deliveries/${delivery!.id as string}/redeliver`).expect(202);
    await worker.sender.drain();
    expect(receiver.at('/retry')).toHaveLength(4);
    expect(receiver.at('/retry')[3]!.headers['webhook-id']).toBe(delivery!.messageId);
    await as(testApp, other.users.admin!).post(`/api/webhook-deliveries/${delivery!.id as string}/redeliver`).expect(404);
  });

  it('a 400 is not retried; a 410 disables the endpoint', async () => {
    const refusing = (await api('admin').post('/api/webhook-endpoints').send({ url: receiver.url('/refuse', 400), events: ['loop.decided'] }).expect(201)).body;
    await api('admin').post(`/api/webhook-endpoints/${refusing.id}/test`).expect(202);
    await sendAndWait(refusing.id);
    expect((await deliveriesOf(refusing.id))[0]).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 400, lastError: 'http 400', nextAttemptAt: null });

    const gone = (await api('admin').post('/api/webhook-endpoints').send({ url: receiver.url('/gone', 410), events: ['loop.decided'] }).expect(201)).body;
    const test = (await api('admin').post(`/api/webhook-endpoints/${gone.id}/test`).expect(202)).body;
    expect(test).toMatchObject({ type: 'webhook.test', status: 'pending' });
    await worker.sender.drain();
    expect(JSON.parse(receiver.at('/gone')[0]!.body)).toEqual({ type: 'webhook.test', timestamp: expect.any(String), data: { endpointId: gone.id } });
    expect((await deliveriesOf(gone.id))[0]).toMatchObject({ status: 'failed', responseStatus: 410 });
    expect((await api('admin').get(`/api/webhook-endpoints/${gone.id}`).expect(200)).body).toMatchObject({ active: false, disabledReason: 'gone' });
    await api('admin').post(`/api/webhook-deliveries/${test.id as string}/redeliver`).expect(409);
    expect((await api('admin').patch(`/api/webhook-endpoints/${gone.id}`).send({ active: true }).expect(200)).body).toMatchObject({ active: true, disabledReason: null });
  });

  it('after a rotation both secrets verify for 24 h, then only the new one signs; a tampered body or a stale timestamp fails', async () => {
    const endpoint = (await api('admin').post('/api/webhook-endpoints').send({ url: receiver.url('/rotate'), events: ['loop.decided'] }).expect(201)).body;
    const rotated = (await api('admin').post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`).expect(200)).body;
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt) - clock.now().getTime()).toBeGreaterThan(23 * 3_600_000);
    await api('admin').post(`/api/webhook-endpoints/${endpoint.id}/test`).expect(202);
    await worker.sender.drain();
    const [received] = receiver.at('/rotate');
    expect(received!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verified(endpoint.secret, received!)).toMatchObject({ type: 'webhook.test' });
    expect(verified(rotated.secret, received!)).toMatchObject({ type: 'webhook.test' });

    expect(() => verified(rotated.secret, { ...received!, body: received!.body.replace('webhook.test', 'loop.decided') })).toThrow();
    const stale = String(Math.floor(Date.now() / 1000) - 600);
    const staleHeaders = {
      ...received!.headers,
      'webhook-timestamp': stale,
      'webhook-signature': signatureHeader([rotated.secret], received!.headers['webhook-id']!, Number(stale), received!.body),
    };
    expect(() => verified(rotated.secret, { ...received!, headers: staleHeaders })).toThrow(/timestamp/i);

    clock.advance(25 * 3_600_000);
    await api('admin').post(`/api/webhook-endpoints/${endpoint.id}/test`).expect(202);
    await worker.sender.drain();
    clock.advance(-25 * 3_600_000);
    expect(receiver.at('/rotate')[1]!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
  });

  it('refuses an endpoint that resolves to 127.0.0.1 without WEBHOOKS_ALLOW_PRIVATE, and connects nowhere', async () => {
    const endpoint = (await api('admin').post('/api/webhook-endpoints').send({ url: `http://localhost:${receiver.port}/private`, events: ['loop.decided'] }).expect(201)).body;
    await api('admin').post(`/api/webhook-endpoints/${endpoint.id}/test`).expect(202);
    const config = testApp.app.get(AppConfig);
    const strict = new WebhookSender(testApp.dataSource, clock, { ...config, webhooks: { ...config.webhooks, allowPrivate: false } } as AppConfig, { jitter: () => 0.5 });
    await strict.drain();
    expect(receiver.at('/private')).toEqual([]);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'failed', lastError: 'ADDRESS_REFUSED', responseStatus: null });
  });
});

import { DomainEvents, type DomainEvent, type NewDomainEvent } from '@loopwright/events';
import { systemActor } from '@loopwright/identity';
import {
  createDispatcher,
  createTeam,
  createTestApp,
  ensureProbeTable,
  probeEffects,
  ProbeSubscriber,
  TestClock,
  type TestApp,
} from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const SECOND = 1000;

/** The retry settings the dispatchers below read (AppConfig is built per context, from the environment). */
process.env.EVENTS_RETRY_FIRST_SECONDS = '5';
process.env.EVENTS_RETRY_MAX_SECONDS = '15';
process.env.EVENTS_MAX_ATTEMPTS = '4';

describe('events: dispatch to subscribers', () => {
  let testApp: TestApp;
  let organizationId: string;
  let events: DomainEvents;

  const uniqueName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
  const updated = (candidateId: string): NewDomainEvent => ({ type: 'candidate.updated', payload: { candidateId, fields: ['phone'] } });
  /** Each call is a transaction of its own, as a request would make. */
  const record = (...batch: NewDomainEvent[]) =>
    testApp.dataSource.transaction((manager) => events.record(manager, systemActor(organizationId), ...batch));
  const deliveries = async (subscriber: string) =>
    (
      await testApp.dataSource.query<
        { aggregate_id: string; status: string; attempts: number; next_attempt_at: Date | null; last_error: string | null }[]
      >(
        'SELECT aggregate_id, status, attempts, next_attempt_at, last_error FROM domain_event_deliveries WHERE subscriber = $1 ORDER BY event_sequence',
        [subscriber],
      )
    ).map((row) => ({ ...row, next_attempt_at: row.next_attempt_at?.getTime() ?? null }));
  const order = (attempts: DomainEvent[]) => attempts.map((event) => `${event.aggregate.id.slice(0, 4)}#${event.sequence}`);

  beforeAll(async () => {
    testApp = await createTestApp();
    organizationId = (await createTeam(testApp, { admin: ['admin'] })).organization.id;
    events = testApp.app.get(DomainEvents);
    await ensureProbeTable(testApp.dataSource);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('hands each event to each subscriber of its type once, in order per aggregate, with what was recorded', async () => {
    const [x, y] = ['aaaa', 'bbbb'].map((prefix) => `${prefix}${randomUUID().slice(4)}`) as [string, string];
    const candidates = new ProbeSubscriber(uniqueName('candidates'), ['candidate.updated']);
    const exports = new ProbeSubscriber(uniqueName('exports'), ['export.completed']);
    const { dispatcher, close } = await createDispatcher([candidates, exports]);
    try {
      await record(updated(x));
      await record(updated(y), updated(x));
      await record({ type: 'export.completed', payload: { exportId: y, requestedById: x } }, updated(x));
      expect(await dispatcher.drain()).toBe(5);
    } finally {
      await close();
    }
    const sequences = candidates.attempts.map((event) => Number(event.sequence));
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    // One record call keeps its order: y before x in the second transaction.
    expect(candidates.attempts.map((event) => event.aggregate.id)).toEqual([x, y, x, x]);
    expect(exports.attempts).toHaveLength(1);
    expect(exports.attempts[0]).toMatchObject({
      organizationId,
      type: 'export.completed',
      actorId: null,
      aggregate: { type: 'packet_export', id: y },
      payload: { exportId: y, requestedById: x },
    });
    expect(exports.attempts[0]!.occurredAt).toBeInstanceOf(Date);
    expect((await probeEffects(testApp.dataSource, candidates.name)).map((effect) => effect.eventId)).toEqual(
      candidates.attempts.map((event) => event.id),
    );
    expect((await deliveries(candidates.name)).map((row) => [row.status, row.attempts])).toEqual(Array(4).fill(['delivered', 1]));
  });

  it('retries a failing subscriber with exponential backoff while the aggregate waits, other aggregates and subscribers proceed', async () => {
    const clock = new TestClock(Date.UTC(2026, 5, 1, 12));
    const start = clock.now().getTime();
    const [x, y] = ['aaaa', 'bbbb'].map((prefix) => `${prefix}${randomUUID().slice(4)}`) as [string, string];
    // Down for the first two attempts at x's events.
    const flaky: ProbeSubscriber = new ProbeSubscriber(uniqueName('flaky'), ['candidate.updated'], async (event, _manager, attempt) => {
      const onX = flaky.attempts.filter((seen) => seen.aggregate.id === x).length;
      if (event.aggregate.id === x && onX <= 2) throw new Error(`mail server down (attempt ${attempt})`);
    });
    const steady = new ProbeSubscriber(uniqueName('steady'), ['candidate.updated']);
    const { dispatcher, close } = await createDispatcher([flaky, steady], clock);
    try {
      await record(updated(x));
      await record(updated(x));
      await record(updated(y));

      await dispatcher.drain();
      expect(order(steady.attempts)).toEqual(order([...steady.attempts].sort((a, b) => Number(a.sequence) - Number(b.sequence))));
      expect(steady.attempts).toHaveLength(3);
      // x's first event failed: its second waits behind it, y's goes ahead.
      expect(flaky.attempts.map((event) => event.aggregate.id)).toEqual([x, y]);
      expect(await deliveries(flaky.name)).toEqual([
        {
          aggregate_id: x,
          status: 'pending',
          attempts: 1,
          next_attempt_at: start + 5 * SECOND,
          last_error: 'mail server down (attempt 1)',
        },
        { aggregate_id: x, status: 'pending', attempts: 0, next_attempt_at: null, last_error: null },
        { aggregate_id: y, status: 'delivered', attempts: 1, next_attempt_at: null, last_error: null },
      ]);
      // The failed attempt's own write was rolled back with it.
      expect((await probeEffects(testApp.dataSource, flaky.name)).map((effect) => effect.aggregateId)).toEqual([y]);

      clock.advance(5 * SECOND - 1);
      expect(await dispatcher.drain()).toBe(0);
      clock.advance(1);
      expect(await dispatcher.drain()).toBe(1);
      expect((await deliveries(flaky.name))[0]).toMatchObject({ attempts: 2, next_attempt_at: start + 15 * SECOND });

      clock.advance(10 * SECOND - 1);
      expect(await dispatcher.drain()).toBe(0);
      clock.advance(1);
      expect(await dispatcher.drain()).toBe(2);
    } finally {
      await close();
    }
    expect(flaky.attempts.map((event) => event.aggregate.id)).toEqual([x, y, x, x, x]);
    expect((await deliveries(flaky.name)).map((row) => [row.status, row.attempts])).toEqual([
      ['delivered', 3],
      ['delivered', 1],
      ['delivered', 1],
    ]);
    const effects = await probeEffects(testApp.dataSource, flaky.name);
    expect(effects.map((effect) => effect.aggregateId)).toEqual([y, x, x]);
    expect(new Set(effects.map((effect) => effect.eventId)).size).toBe(3);
  });

  it('caps the delay, and gives a delivery up after EVENTS_MAX_ATTEMPTS so that the aggregate moves on', async () => {
    const clock = new TestClock(Date.UTC(2026, 5, 2, 12));
    const start = clock.now().getTime();
    const x = randomUUID();
    let first = '';
    const broken = new ProbeSubscriber(uniqueName('broken'), ['candidate.updated'], async (event) => {
      if (event.sequence === first) throw new Error('cannot handle this one');
    });
    const { dispatcher, close } = await createDispatcher([broken], clock);
    try {
      await record(updated(x));
      await record(updated(x));
      first = (
        await testApp.dataSource.query<{ sequence: string }[]>(
          `SELECT min(sequence) AS sequence FROM domain_events WHERE aggregate_id = $1`,
          [x],
        )
      )[0]!.sequence;
      const waits: (number | null)[] = [];
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        await dispatcher.drain();
        const [head] = await deliveries(broken.name);
        waits.push(head!.next_attempt_at === null ? null : head!.next_attempt_at - clock.now().getTime());
        if (head!.next_attempt_at !== null) clock.advance(head!.next_attempt_at - clock.now().getTime());
      }
      // 5 s, 10 s, then the 15 s cap; the fourth failure gives it up.
      expect(waits).toEqual([5 * SECOND, 10 * SECOND, 15 * SECOND, null]);
      expect(clock.now().getTime() - start).toBe(30 * SECOND);
    } finally {
      await close();
    }
    expect((await deliveries(broken.name)).map((row) => [row.status, row.attempts])).toEqual([
      ['failed', 4],
      ['delivered', 1],
    ]);
  });

  it('delivers each event once in effect when two dispatchers (two workers) run at once, keeping the order per aggregate', async () => {
    const name = uniqueName('shared');
    const aggregates = Array.from({ length: 6 }, () => randomUUID());
    // The first one into a handler stays there (holding its delivery's lock) until the other one is in one too.
    let first: 'left' | 'right' | null = null;
    let release: () => void = () => undefined;
    const overlap = new Promise<void>((resolve) => (release = resolve));
    const meet = (side: 'left' | 'right') => async () => {
      if (first === null) {
        first = side;
        await overlap;
      } else if (first !== side) release();
    };
    const left = new ProbeSubscriber(name, ['candidate.updated'], meet('left'));
    const right = new ProbeSubscriber(name, ['candidate.updated'], meet('right'));
    const [one, two] = await Promise.all([createDispatcher([left]), createDispatcher([right])]);
    try {
      for (let round = 0; round < 5; round += 1) await record(...aggregates.map(updated));
      await Promise.all([one.dispatcher.drain(), two.dispatcher.drain()]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
    expect(left.attempts.length).toBeGreaterThan(0);
    expect(right.attempts.length).toBeGreaterThan(0);
    const handled = [...left.attempts, ...right.attempts].map((event) => event.id);
    expect(handled).toHaveLength(30);
    expect(new Set(handled).size).toBe(30);
    const effects = await probeEffects(testApp.dataSource, name);
    expect(effects).toHaveLength(30);
    for (const aggregateId of aggregates) {
      const sequences = effects.filter((effect) => effect.aggregateId === aggregateId).map((effect) => Number(effect.sequence));
      expect(sequences).toHaveLength(5);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    }
    expect((await deliveries(name)).every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
  });

  it('holds an aggregate’s lock from recording to commit, so its events take their sequence in commit order', async () => {
    const x = randomUUID();
    const probe = new ProbeSubscriber(uniqueName('order'), ['candidate.updated']);
    const { dispatcher, close } = await createDispatcher([probe]);
    const runner = testApp.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await events.record(runner.manager, systemActor(organizationId), updated(x));
      const tryLock = (aggregate: string) =>
        testApp.dataSource.transaction(
          async (manager) =>
            (
              await manager.query<{ free: boolean }[]>(
                `SELECT pg_try_advisory_xact_lock(hashtext('loopwright:domain-events'), hashtext($1)) AS free`,
                [`candidate:${aggregate}`],
              )
            )[0]!.free,
        );
      expect(await tryLock(x)).toBe(false);
      expect(await tryLock(randomUUID())).toBe(true);
      // Not committed: nothing to deliver yet.
      expect(await dispatcher.drain()).toBe(0);
      await runner.commitTransaction();
      expect(await tryLock(x)).toBe(true);
      expect(await dispatcher.drain()).toBe(1);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
      await close();
    }
  });

  it('gives a subscriber what is recorded once it is registered, and refuses subscribers it cannot run', async () => {
    const late = new ProbeSubscriber(uniqueName('late'), ['candidate.updated']);
    const before = randomUUID();
    await record(updated(before));
    const { dispatcher, close } = await createDispatcher([late]);
    try {
      const after = randomUUID();
      await record(updated(after));
      await dispatcher.drain();
      expect(late.attempts.map((event) => event.aggregate.id)).toEqual([after]);
    } finally {
      await close();
    }
    const twin = uniqueName('twin');
    await expect(
      createDispatcher([new ProbeSubscriber(twin, ['candidate.updated']), new ProbeSubscriber(twin, ['loop.decided'])]),
    ).rejects.toThrow(/two subscribers have this name/);
    await expect(createDispatcher([new ProbeSubscriber(uniqueName('typo'), ['candidate.renamed' as 'candidate.updated'])])).rejects.toThrow(
      /unknown event types candidate.renamed/,
    );
  });
});

import { DomainEvents, type NewDomainEvent } from '@loopwright/events';
import { systemActor } from '@loopwright/identity';
import { createTeam, createTestApp, ensureProbeTable, probeEffects, type TestApp } from '@loopwright/testing';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

type ChildMessage = { ready?: true; handling?: { subscriber: string; eventId: string }; drained?: number };

/** A dispatcher process (`libs/testing/src/event-dispatch-child.ts`, built) with the given probes, talking over IPC. */
class DispatcherProcess {
  readonly handling: { subscriber: string; eventId: string }[] = [];
  private readonly child: ChildProcess;
  private readonly listeners: ((message: ChildMessage) => void)[] = [];
  readonly exited: Promise<NodeJS.Signals | number | null>;

  constructor(probes: string[], blockIn?: string) {
    this.child = fork(path.resolve('dist/libs/testing/src/event-dispatch-child.js'), [], {
      env: { ...process.env, PROBES: probes.join(','), BLOCK_IN: blockIn ?? '', LOG_LEVEL: 'silent', MIGRATE_ON_START: 'false' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(signal ?? code)));
    this.child.on('message', (message: ChildMessage) => {
      if (message.handling) this.handling.push(message.handling);
      for (const listener of [...this.listeners]) listener(message);
    });
  }

  /** The first message that satisfies `condition` (or a rejection if the process ends first). */
  next(condition: (message: ChildMessage) => boolean): Promise<ChildMessage> {
    return new Promise((resolve, reject) => {
      const listener = (message: ChildMessage) => {
        if (!condition(message)) return;
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(message);
      };
      this.listeners.push(listener);
      void this.exited.then((how) => reject(new Error(`the dispatcher process ended (${String(how)}) before the message came`)));
    });
  }

  drain(): void {
    this.child.send({ drain: true });
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

describe('events: a dispatcher killed mid-dispatch', () => {
  let testApp: TestApp;
  let organizationId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    organizationId = (await createTeam(testApp, { admin: ['admin'] })).organization.id;
    await ensureProbeTable(testApp.dataSource);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('leaves no trace of the killed attempt; the next dispatcher delivers every event to each subscriber once in effect', async () => {
    const [held, free] = ['held', 'free'].map((label) => `kill-${label}-${randomUUID().slice(0, 8)}`) as [string, string];
    const first = new DispatcherProcess([held, free], held);
    let second: DispatcherProcess | null = null;
    try {
      await first.next((message) => message.ready === true);
      // Three aggregates, three events each, one transaction per event.
      const aggregates = [randomUUID(), randomUUID(), randomUUID()];
      const events = testApp.app.get(DomainEvents);
      for (let round = 0; round < 3; round += 1)
        for (const candidateId of aggregates) {
          const event: NewDomainEvent = { type: 'candidate.updated', payload: { candidateId, fields: ['email'] } };
          await testApp.dataSource.transaction((manager) => events.record(manager, systemActor(organizationId), event));
        }

      // Killed while the held subscriber is inside its handler (its write made, its transaction open).
      const inside = first.next((message) => message.handling?.subscriber === held);
      first.drain();
      const killedAt = (await inside).handling!.eventId;
      first.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      // Wait for PostgreSQL to roll the dead connection's transaction back: its lock on the delivery goes with it.
      await testApp.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = '120s'`);
        await manager.query('SELECT 1 FROM domain_event_deliveries WHERE subscriber = $1 AND event_id = $2 FOR UPDATE', [held, killedAt]);
      });
      const [killedDelivery] = await testApp.dataSource.query<{ status: string; attempts: number }[]>(
        'SELECT status, attempts FROM domain_event_deliveries WHERE subscriber = $1 AND event_id = $2',
        [held, killedAt],
      );
      expect(killedDelivery).toEqual({ status: 'pending', attempts: 0 });
      expect((await probeEffects(testApp.dataSource, held)).map((effect) => effect.eventId)).not.toContain(killedAt);

      second = new DispatcherProcess([held, free]);
      await second.next((message) => message.ready === true);
      const drained = second.next((message) => message.drained !== undefined);
      second.drain();
      await drained;

      const recorded = await testApp.dataSource.query<{ id: string; aggregate_id: string; sequence: string }[]>(
        'SELECT id, aggregate_id, sequence FROM domain_events WHERE organization_id = $1 ORDER BY sequence',
        [organizationId],
      );
      expect(recorded).toHaveLength(9);
      for (const subscriber of [held, free]) {
        const effects = await probeEffects(testApp.dataSource, subscriber);
        // Each event once in effect, and per aggregate in the order recorded.
        expect(effects.map((effect) => effect.eventId).sort()).toEqual(recorded.map((event) => event.id).sort());
        for (const aggregateId of aggregates) {
          const sequences = effects.filter((effect) => effect.aggregateId === aggregateId).map((effect) => effect.sequence);
          expect(sequences).toEqual(recorded.filter((event) => event.aggregate_id === aggregateId).map((event) => event.sequence));
        }
        const statuses = await testApp.dataSource.query<{ status: string; attempts: number }[]>(
          'SELECT status, attempts FROM domain_event_deliveries WHERE subscriber = $1',
          [subscriber],
        );
        expect(statuses).toHaveLength(9);
        expect(statuses.every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
      }
      // At least once: the held subscriber saw the interrupted event twice, once in each process.
      const sawKilled = [...first.handling, ...second.handling].filter((entry) => entry.subscriber === held && entry.eventId === killedAt);
      expect(sawKilled).toHaveLength(2);
    } finally {
      first.kill('SIGKILL');
      second?.kill('SIGTERM');
      await Promise.all([first.exited, second?.exited]);
    }
  }, 300_000);
});

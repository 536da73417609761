import { Clock, CoreModule } from '@loopwright/core';
import { DatabaseModule } from '@loopwright/database';
import {
  EventDispatcher,
  EventDispatchModule,
  SubscribesToDomainEvents,
  type DomainEvent,
  type DomainEventSubscriber,
  type DomainEventType,
} from '@loopwright/events';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { ENTITIES } from '../../../apps/api/src/entities.js';
import { startModule } from './start-module.js';

/** What a probe does inside its handler, after writing its effect row (throw to fail the attempt). */
export type ProbeBehaviour = (event: DomainEvent, manager: EntityManager, attempt: number) => Promise<void>;

/**
 * A test subscriber: every attempt is noted in `attempts` (in memory, outside the transaction: at-least-once shows
 * there), and each one writes a row to `event_probe_effects` through the dispatcher's manager (the subscriber's own
 * write: once in effect shows there).
 */
@SubscribesToDomainEvents()
export class ProbeSubscriber implements DomainEventSubscriber {
  readonly attempts: DomainEvent[] = [];

  constructor(
    readonly name: string,
    readonly handles: readonly DomainEventType[],
    private readonly behaviour: ProbeBehaviour = async () => undefined,
  ) {}

  async handle(event: DomainEvent, manager: EntityManager): Promise<void> {
    this.attempts.push(event);
    await manager.query('INSERT INTO event_probe_effects (subscriber, event_id, aggregate_id, event_sequence) VALUES ($1, $2, $3, $4)', [
      this.name,
      event.id,
      event.aggregate.id,
      event.sequence,
    ]);
    await this.behaviour(event, manager, this.attempts.filter((seen) => seen.id === event.id).length);
  }
}

/** The probes' own table (not part of the product's schema). */
export async function ensureProbeTable(dataSource: DataSource): Promise<void> {
  await dataSource.query(`CREATE TABLE IF NOT EXISTS event_probe_effects (
    id bigserial PRIMARY KEY, subscriber text NOT NULL, event_id uuid NOT NULL, aggregate_id uuid NOT NULL, event_sequence bigint NOT NULL)`);
}

/** The committed effects of a probe, in the order they were written. */
export async function probeEffects(
  dataSource: DataSource,
  subscriber: string,
): Promise<{ eventId: string; aggregateId: string; sequence: string }[]> {
  const rows: { event_id: string; aggregate_id: string; event_sequence: string }[] = await dataSource.query(
    'SELECT event_id, aggregate_id, event_sequence FROM event_probe_effects WHERE subscriber = $1 ORDER BY id',
    [subscriber],
  );
  return rows.map((row) => ({ eventId: row.event_id, aggregateId: row.aggregate_id, sequence: row.event_sequence }));
}

/** A clock that moves only when told to. */
export class TestClock extends Clock {
  constructor(private time: number) {
    super();
  }

  now(): Date {
    return new Date(this.time);
  }

  advance(ms: number): void {
    this.time += ms;
  }

  /** Moves the clock to `iso` (an ISO-8601 time). */
  set(iso: string): void {
    this.time = Date.parse(iso);
  }
}

/**
 * A dispatcher process of its own (as a worker has) on DATABASE_URL, with the given subscribers and clock; passes
 * run when the test calls `drain()` (no job queue, no sweep).
 */
export async function createDispatcher(
  subscribers: DomainEventSubscriber[],
  clock?: Clock,
): Promise<{ dispatcher: EventDispatcher; close: () => Promise<void> }> {
  let builder = Test.createTestingModule({
    imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), EventDispatchModule],
    providers: subscribers.map((subscriber, index) => ({ provide: `event-probe-${index}`, useValue: subscriber })),
  });
  if (clock) builder = builder.overrideProvider(Clock).useValue(clock);
  const moduleRef: TestingModule = await builder.compile();
  await startModule(moduleRef);
  return { dispatcher: moduleRef.get(EventDispatcher), close: () => moduleRef.close() };
}

import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import type { DataSource, EntityManager } from 'typeorm';
import { isDomainEventType, type AggregateType, type DomainEvent, type DomainEventType } from '../domain-event-types.js';
import { SUBSCRIBER_NAME, SubscribesToDomainEvents, type DomainEventSubscriber } from './domain-event-subscriber.js';
import { retryDelayMs, retryPolicyOf, type RetryPolicy } from './retry-policy.js';

interface ClaimedRow {
  id: string;
  sequence: string;
  organization_id: string;
  type: DomainEventType;
  aggregate_type: AggregateType;
  aggregate_id: string;
  actor_id: string | null;
  occurred_at: Date;
  payload: DomainEvent['payload'];
  attempts: number;
}

/**
 * The subscriber's oldest due delivery whose aggregate has no earlier one pending (order per aggregate), locked so
 * that another dispatcher (another worker) skips it instead of handling it too. The lock lasts the transaction the
 * handler runs in; if the process dies, PostgreSQL rolls it back and the delivery is due again.
 */
const CLAIM_SQL = `
  SELECT e.id, e.sequence, e.organization_id, e.type, e.aggregate_type, e.aggregate_id, e.actor_id, e.occurred_at, e.payload, d.attempts
    FROM domain_event_deliveries d
    JOIN domain_events e ON e.id = d.event_id
   WHERE d.subscriber = $1 AND d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $2)
     AND NOT EXISTS (
           SELECT 1 FROM domain_event_deliveries earlier
            WHERE earlier.subscriber = d.subscriber AND earlier.status = 'pending'
              AND earlier.aggregate_type = d.aggregate_type AND earlier.aggregate_id = d.aggregate_id
              AND earlier.event_sequence < d.event_sequence)
   ORDER BY d.event_sequence
   LIMIT 1
   FOR UPDATE OF d SKIP LOCKED`;

const HANDLER_SAVEPOINT = 'domain_event_handler';

/**
 * Hands recorded events to the subscribers of this process (every provider marked `@SubscribesToDomainEvents()`): at
 * least once, in order per aggregate, each subscriber on its own. A delivery is marked done in the transaction the
 * handler wrote in, so its writes commit once per event; a handler that throws is rolled back to a savepoint and
 * retried with exponential backoff by the injected Clock. Safe with several dispatchers on one database.
 */
@Injectable()
export class EventDispatcher implements OnModuleInit {
  private readonly logger = new Logger(EventDispatcher.name);
  private readonly retry: RetryPolicy;
  private subscribers: DomainEventSubscriber[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.retry = retryPolicyOf(config.eventDispatch);
  }

  async onModuleInit(): Promise<void> {
    const found = this.discovery
      .getProviders({ metadataKey: SubscribesToDomainEvents.KEY })
      .map((wrapper) => wrapper.instance as DomainEventSubscriber | undefined)
      .filter((instance): instance is DomainEventSubscriber => instance !== undefined);
    this.subscribers = checkedSubscribers(found);
    for (const subscriber of this.subscribers) await this.register(subscriber);
    if (this.subscribers.length > 0)
      this.logger.log(`Event subscribers: ${this.subscribers.map((subscriber) => subscriber.name).join(', ')}`);
  }

  get subscriberNames(): string[] {
    return this.subscribers.map((subscriber) => subscriber.name);
  }

  /**
   * Delivers what is due, subscribers side by side, until none of them has anything due left; resolves with the
   * number of attempts made. A subscriber whose database work fails outright (not its handler) is logged and left for
   * the next pass.
   */
  async drain(): Promise<number> {
    const results = await Promise.allSettled(
      this.subscribers.map(async (subscriber) => {
        let attempts = 0;
        while (await this.deliverNext(subscriber)) attempts += 1;
        return attempts;
      }),
    );
    let total = 0;
    for (const [index, result] of results.entries()) {
      if (result.status === 'fulfilled') total += result.value;
      else this.logger.error({ err: result.reason, subscriber: this.subscribers[index]?.name }, 'Event dispatch failed');
    }
    return total;
  }

  /** One attempt at the subscriber's next due delivery; false when it has none due. */
  private async deliverNext(subscriber: DomainEventSubscriber): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const [row] = await manager.query<ClaimedRow[]>(CLAIM_SQL, [subscriber.name, now]);
      if (!row) return false;
      await manager.query(`SAVEPOINT ${HANDLER_SAVEPOINT}`);
      try {
        await subscriber.handle(toEvent(row), manager);
        await manager.query(`RELEASE SAVEPOINT ${HANDLER_SAVEPOINT}`);
      } catch (error) {
        await manager.query(`ROLLBACK TO SAVEPOINT ${HANDLER_SAVEPOINT}`);
        await this.recordFailure(manager, subscriber, row, error, now);
        return true;
      }
      await manager.query(
        `UPDATE domain_event_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = $3, next_attempt_at = NULL
          WHERE subscriber = $1 AND event_id = $2`,
        [subscriber.name, row.id, now],
      );
      return true;
    });
  }

  private async recordFailure(
    manager: EntityManager,
    subscriber: DomainEventSubscriber,
    row: ClaimedRow,
    error: unknown,
    now: Date,
  ): Promise<void> {
    const attempts = row.attempts + 1;
    const givenUp = attempts >= this.retry.maxAttempts;
    const nextAttemptAt = givenUp ? null : new Date(now.getTime() + retryDelayMs(attempts, this.retry));
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    await manager.query(
      `UPDATE domain_event_deliveries SET status = $3, attempts = $4, next_attempt_at = $5, last_error = $6
        WHERE subscriber = $1 AND event_id = $2`,
      [subscriber.name, row.id, givenUp ? 'failed' : 'pending', attempts, nextAttemptAt, message],
    );
    const context = { err: error, subscriber: subscriber.name, eventId: row.id, type: row.type, attempts };
    if (givenUp) this.logger.error(context, 'Event subscriber failed on every attempt; delivery given up');
    else this.logger.warn({ ...context, nextAttemptAt }, 'Event subscriber failed; retrying later');
  }

  /**
   * Makes the subscriber known to the database, so that events recorded from now on get a delivery for it. Pending
   * deliveries of types it no longer handles are dropped: they would hold up its other events of their aggregate.
   */
  private async register(subscriber: DomainEventSubscriber): Promise<void> {
    const handles = [...new Set(subscriber.handles)];
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO domain_event_subscribers (name, handles) VALUES ($1, $2::text[])
         ON CONFLICT (name) DO UPDATE SET handles = EXCLUDED.handles`,
        [subscriber.name, handles],
      );
      await manager.query(
        `DELETE FROM domain_event_deliveries d USING domain_events e
          WHERE d.subscriber = $1 AND d.status = 'pending' AND e.id = d.event_id AND NOT (e.type = ANY ($2::text[]))`,
        [subscriber.name, handles],
      );
    });
  }
}

function toEvent(row: ClaimedRow): DomainEvent<never> {
  return {
    id: row.id,
    sequence: row.sequence,
    organizationId: row.organization_id,
    type: row.type,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    aggregate: { type: row.aggregate_type, id: row.aggregate_id },
    payload: row.payload,
  } as unknown as DomainEvent<never>;
}

/** Names unique and well-formed, every handled type known: a mistake here stops the worker at start. */
function checkedSubscribers(subscribers: DomainEventSubscriber[]): DomainEventSubscriber[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const subscriber of subscribers) {
    const name = String(subscriber.name);
    if (!SUBSCRIBER_NAME.test(name)) problems.push(`"${name}": a subscriber name is 1-100 of a-z, 0-9, '.', '_', '-'`);
    if (names.has(name)) problems.push(`"${name}": two subscribers have this name`);
    names.add(name);
    if (!Array.isArray(subscriber.handles) || subscriber.handles.length === 0) problems.push(`"${name}": handles no event type`);
    const unknown = (subscriber.handles ?? []).filter((type) => !isDomainEventType(type));
    if (unknown.length > 0) problems.push(`"${name}": unknown event types ${unknown.join(', ')}`);
  }
  if (problems.length > 0) throw new Error(`Invalid domain event subscribers:\n  - ${problems.join('\n  - ')}`);
  return subscribers;
}

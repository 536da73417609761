import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { DomainEvent, DomainEventType } from '../domain-event-types.js';

/**
 * A reaction to domain events, run by the worker's dispatcher. `handle` runs in a transaction that also records the
 * delivery: whatever it writes through `manager` commits exactly once per event (idempotent by event id for free).
 * Side effects outside the database (mail, HTTP) may happen more than once, so make them idempotent by `event.id`.
 * A handler that throws is retried later with exponential backoff; meanwhile the later events of the same aggregate
 * wait for it (per-aggregate order), other aggregates and other subscribers do not.
 */
export interface DomainEventSubscriber<T extends DomainEventType = DomainEventType> {
  /** Stable and unique: deliveries are kept under this name (renaming it starts a new subscriber). */
  readonly name: string;
  readonly handles: readonly T[];
  handle(event: DomainEvent<T>, manager: EntityManager): Promise<void>;
}

/**
 * Marks a provider as a domain event subscriber; the dispatcher finds every one in the application:
 *
 * ```ts
 * @SubscribesToDomainEvents()
 * @Injectable()
 * export class RoundInvites implements DomainEventSubscriber<'round.scheduled' | 'round.cancelled'> {
 *   readonly name = 'round-invites';
 *   readonly handles = ['round.scheduled', 'round.cancelled'] as const;
 *   async handle(event: DomainEvent<'round.scheduled' | 'round.cancelled'>, manager: EntityManager) { … }
 * }
 * ```
 */
export const SubscribesToDomainEvents = DiscoveryService.createDecorator<void>();

export const SUBSCRIBER_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

import { Injectable } from '@nestjs/common';
import { SubscribesToDomainEvents, type DomainEvent, type DomainEventSubscriber } from '@loopwright/events';
import type { EntityManager } from 'typeorm';
import { AnalyticsSnapshots } from './analytics-snapshots.js';

const CHANGING_EVENTS = ['scorecard.submitted', 'scorecard.amended', 'loop.decided'] as const;
type ChangingEvent = (typeof CHANGING_EVENTS)[number];

/**
 * Keeps the organization's analytics aggregates current. Debounced by content like the calibration snapshot: the
 * first event of a burst recomputes, the later ones find the fingerprint unchanged.
 */
@SubscribesToDomainEvents()
@Injectable()
export class AnalyticsSnapshotSubscriber implements DomainEventSubscriber<ChangingEvent> {
  readonly name = 'analytics-snapshot';
  readonly handles = CHANGING_EVENTS;

  constructor(private readonly snapshots: AnalyticsSnapshots) {}

  handle(event: DomainEvent<ChangingEvent>, manager: EntityManager): Promise<void> {
    return this.snapshots.refreshIfChanged(event.organizationId, manager);
  }
}

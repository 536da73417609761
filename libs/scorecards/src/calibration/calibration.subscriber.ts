import { Injectable } from '@nestjs/common';
import { SubscribesToDomainEvents, type DomainEvent, type DomainEventSubscriber } from '@loopwright/events';
import type { EntityManager } from 'typeorm';
import { CalibrationSnapshots } from './calibration-snapshots.js';

const SCORECARD_EVENTS = ['scorecard.submitted', 'scorecard.amended'] as const;
type ScorecardEvent = (typeof SCORECARD_EVENTS)[number];

/**
 * Keeps the organization's calibration snapshot current. Debounced by content: the first event of a burst refits
 * from every scorecard committed by then, and the later ones find the snapshot's fingerprint unchanged and do nothing.
 */
@SubscribesToDomainEvents()
@Injectable()
export class CalibrationSubscriber implements DomainEventSubscriber<ScorecardEvent> {
  readonly name = 'calibration-snapshot';
  readonly handles = SCORECARD_EVENTS;

  constructor(private readonly snapshots: CalibrationSnapshots) {}

  handle(event: DomainEvent<ScorecardEvent>, manager: EntityManager): Promise<void> {
    return this.snapshots.refreshIfChanged(event.organizationId, manager);
  }
}

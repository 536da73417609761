import { Injectable } from '@nestjs/common';
import { SubscribesToDomainEvents, type DomainEvent, type DomainEventSubscriber } from '@loopwright/events';
import type { EntityManager } from 'typeorm';
import { CalibrationSnapshots } from './calibration-snapshots.js';

/** What the fit reads: the scorecards, their amendments and (for a question's decision discrimination) the decisions. */
const CALIBRATION_EVENTS = ['scorecard.submitted', 'scorecard.amended', 'loop.decided'] as const;
type CalibrationEvent = (typeof CALIBRATION_EVENTS)[number];

/**
 * Keeps the organization's calibration snapshot current. Debounced by content: the first event of a burst refits
 * from every scorecard committed by then, and the later ones find the snapshot's fingerprint unchanged and do nothing.
 */
@SubscribesToDomainEvents()
@Injectable()
export class CalibrationSubscriber implements DomainEventSubscriber<CalibrationEvent> {
  readonly name = 'calibration-snapshot';
  readonly handles = CALIBRATION_EVENTS;

  constructor(private readonly snapshots: CalibrationSnapshots) {}

  handle(event: DomainEvent<CalibrationEvent>, manager: EntityManager): Promise<void> {
    return this.snapshots.refreshIfChanged(event.organizationId, manager);
  }
}

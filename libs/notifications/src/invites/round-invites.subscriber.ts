import { Injectable } from '@nestjs/common';
import { SubscribesToDomainEvents, type DomainEvent, type DomainEventSubscriber } from '@loopwright/events';
import type { EntityManager } from 'typeorm';
import { RoundInvites } from './round-invites.js';

const ROUND_EVENTS = ['round.scheduled', 'round.rescheduled', 'round.cancelled', 'interviewer.assigned', 'interviewer.unassigned'] as const;
type RoundEvent = (typeof ROUND_EVENTS)[number];

/**
 * Every change of a round's time or seats brings its invites in line with the round as it is when the event is
 * handled: a later event of the same round then finds nothing left to send, and a repeated delivery sends nothing.
 */
@SubscribesToDomainEvents()
@Injectable()
export class RoundInvitesSubscriber implements DomainEventSubscriber<RoundEvent> {
  readonly name = 'round-invites';
  readonly handles = ROUND_EVENTS;

  constructor(private readonly invites: RoundInvites) {}

  handle(event: DomainEvent<RoundEvent>, manager: EntityManager): Promise<void> {
    return this.invites.reconcile(manager, event.organizationId, event.payload.roundId);
  }
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';
import type { AggregateType } from './domain-event-types.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one subscriber: pending until the subscriber handled it (`delivered`, committed with the
 * subscriber's own writes) or ran out of attempts (`failed`). The aggregate and sequence are copied from the event so
 * that "is an earlier event of this aggregate still pending for this subscriber" is one index probe.
 */
@Entity('domain_event_deliveries')
@Check('domain_event_deliveries_status_known', `status IN ('pending', 'delivered', 'failed')`)
@Index('domain_event_deliveries_pending_idx', ['subscriber', 'aggregateType', 'aggregateId', 'eventSequence'], {
  where: `status = 'pending'`,
})
@Index('domain_event_deliveries_due_idx', ['subscriber', 'eventSequence'], { where: `status = 'pending'` })
export class DomainEventDelivery extends OrganizationOwned {
  @PrimaryColumn('text')
  subscriber: string;

  @ManyToOne('DomainEventSubscriberRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber' })
  subscriberRecord?: { name: string };

  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @ManyToOne('DomainEventRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: { id: string };

  @Column('text', { name: 'aggregate_type' })
  aggregateType: AggregateType;

  @Column('uuid', { name: 'aggregate_id' })
  aggregateId: string;

  @Column('bigint', { name: 'event_sequence' })
  eventSequence: string;

  @Column('text', { default: 'pending' })
  status: DeliveryStatus;

  /** Attempts made so far (failed ones, and the one that delivered). */
  @Column('int', { default: 0 })
  attempts: number;

  /** null: due now. After a failed attempt: when to try again (the dispatcher's Clock). */
  @Column({ type: 'timestamptz', name: 'next_attempt_at', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'delivered_at', precision: 3, nullable: true })
  deliveredAt: Date | null;
}

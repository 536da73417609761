import { Column, Entity, Generated, Index } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';
import type { AggregateType, DomainEventType } from './domain-event-types.js';

/** The outbox: one row per domain event, written in the transaction of the change it announces. */
@Entity('domain_events')
@Index('domain_events_sequence_key', ['sequence'], { unique: true })
export class DomainEventRecord extends OrganizationEntity {
  @Column('bigint')
  @Generated('increment')
  sequence: string;

  @Column('text')
  type: DomainEventType;

  @Column('text', { name: 'aggregate_type' })
  aggregateType: AggregateType;

  @Column('uuid', { name: 'aggregate_id' })
  aggregateId: string;

  /** null when the system acted. */
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at', precision: 3 })
  occurredAt: Date;

  @Column('jsonb')
  payload: Record<string, unknown>;
}

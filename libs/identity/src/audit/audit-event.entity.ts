import { Column, Entity, Index } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** One mutation, written in the same transaction as the change it records. */
@Entity('audit_events')
// Created by hand in the migration: TypeORM reads multi-column index columns back out of order.
@Index('audit_events_org_time_idx', { synchronize: false })
@Index('audit_events_entity_idx', ['organizationId', 'entityType', 'entityId'])
@Index('audit_events_actor_idx', ['organizationId', 'actorId'])
export class AuditEvent extends OrganizationEntity {
  /** null when the system acted (bootstrap, CLI, scheduled jobs). */
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text')
  action: string;

  @Column('text', { name: 'entity_type' })
  entityType: string;

  @Column('uuid', { name: 'entity_id' })
  entityId: string;

  @Column('jsonb', { default: () => `'{}'` })
  changes: FieldChanges;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  /** Millisecond precision, so that keyset cursors (at, id) round-trip through JavaScript dates. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  at: Date;
}

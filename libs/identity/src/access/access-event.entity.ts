import { Column, Entity, Index } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

/** What was read: a packet, a candidate, a loop's scorecards (JSON or CSV), its debrief summary or page, an export archive. */
export const ACCESS_KINDS = ['packet', 'candidate', 'scorecards', 'summary', 'debrief', 'export'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** The record read: a loop (packet, scorecards, summary, debrief), a candidate, a position (its scorecards CSV), an export. */
export const ACCESS_ENTITY_TYPES = ['loop', 'candidate', 'position', 'export'] as const;
export type AccessEntityType = (typeof ACCESS_ENTITY_TYPES)[number];

/**
 * One read of personal data (who read what, when), never its content. A read naming several candidates (an
 * export, a position's scorecards) is one row per candidate. Kept `ACCESS_EVENTS_RETENTION_DAYS`.
 */
@Entity('access_events')
// Created by hand in the migration (as audit_events_org_time_idx): the admin list, newest first.
@Index('access_events_org_time_idx', { synchronize: false })
@Index('access_events_org_candidate_idx', ['organizationId', 'candidateId'])
@Index('access_events_org_actor_idx', ['organizationId', 'actorId'])
@Index('access_events_at_idx', ['at'])
export class AccessEvent extends OrganizationEntity {
  /** null when the system read (no such read yet: kept for symmetry with the audit log). */
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text')
  kind: AccessKind;

  @Column('text', { name: 'entity_type' })
  entityType: AccessEntityType;

  @Column('uuid', { name: 'entity_id' })
  entityId: string;

  /** The candidate whose data was read (null when the read named none, e.g. an empty export). */
  @Column('uuid', { name: 'candidate_id', nullable: true })
  candidateId: string | null;

  /** How it was read: `pdf`, `html`, `markdown`, `json`, `csv`, `page`, `preview`, `zip`. */
  @Column('text', { nullable: true })
  format: string | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  /** The injected clock's time; millisecond precision, so that keyset cursors (at, id) round-trip. */
  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;
}

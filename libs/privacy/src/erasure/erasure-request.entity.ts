import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

export const ERASURE_MODES = ['anonymize', 'delete'] as const;
export type ErasureMode = (typeof ERASURE_MODES)[number];

export const ERASURE_TRIGGERS = ['request', 'retention'] as const;
export type ErasureTrigger = (typeof ERASURE_TRIGGERS)[number];

/**
 * The record of one erasure (GDPR Art. 17 and 30): which candidate (by id only), how, why, by whom and when, and how
 * much was erased. It holds no personal data of the candidate; it stays when the candidate is deleted.
 */
@Entity('erasure_requests')
@Index('erasure_requests_number_key', ['organizationId', 'candidateNumber'], { unique: true })
@Index('erasure_requests_candidate_idx', ['organizationId', 'candidateId'])
@Check('erasure_requests_mode_known', `mode IN ('anonymize', 'delete')`)
@Check('erasure_requests_trigger_known', `trigger IN ('request', 'retention')`)
export class ErasureRequest extends OrganizationEntity {
  /** No foreign key: the record outlives a deleted candidate. */
  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  /** The n of "Candidate #n": 1, 2, 3… per organization. */
  @Column('int', { name: 'candidate_number' })
  candidateNumber: number;

  @Column('text')
  mode: ErasureMode;

  @Column('text')
  trigger: ErasureTrigger;

  /** Why, as the requester gave it (or the retention policy's words). */
  @Column('text')
  reason: string;

  /** Who asked; null for the retention job (or a user since deleted). */
  @Column('uuid', { name: 'requested_by_id', nullable: true })
  requestedById: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: { id: string };

  @Column({ type: 'timestamptz', name: 'executed_at', precision: 3 })
  executedAt: Date;

  /** Counts of what was erased (`loops`, `rounds`, `scorecards`, `exports`, `mail`, `auditEvents`). */
  @Column('jsonb', { default: () => `'{}'` })
  erased: Record<string, number>;
}

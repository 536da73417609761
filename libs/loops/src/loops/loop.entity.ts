import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity.js';
import { Position } from '../positions/position.entity.js';
import { LoopTemplate } from '../templates/loop-template.entity.js';
import { TimestampedOrganizationEntity } from '@loopwright/database';

export const LOOP_STATUSES = ['draft', 'scheduled', 'in_review', 'decided', 'cancelled'] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];

/**
 * A candidate's interviews for a position. The stored status is `draft`, `scheduled`, `decided` or `cancelled`;
 * `in_review` is computed on read (a scheduled loop one of whose rounds has ended), so it never goes stale.
 */
@Entity('loops')
@Index('loops_organization_created_idx', ['organizationId', 'createdAt'])
@Index('loops_candidate_idx', ['candidateId'])
@Index('loops_position_idx', ['positionId'])
@Check('loops_status_known', `status IN ('draft', 'scheduled', 'in_review', 'decided', 'cancelled')`)
export class Loop extends TimestampedOrganizationEntity {
  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate)
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('uuid', { name: 'position_id' })
  positionId: string;

  @ManyToOne(() => Position)
  @JoinColumn({ name: 'position_id' })
  position?: Relation<Position>;

  /** The template the rounds were copied from; null for a loop made by hand. */
  @Column('uuid', { name: 'template_id', nullable: true })
  templateId: string | null;

  @ManyToOne(() => LoopTemplate, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<LoopTemplate>;

  @Column('text', { default: 'draft' })
  status: LoopStatus;

  @Column('uuid', { name: 'created_by_id', nullable: true })
  createdById: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: { id: string };

  /** When the loop was decided or cancelled (the retention policy counts from the last one); null while it is open. */
  @Column({ type: 'timestamptz', name: 'closed_at', precision: 3, nullable: true })
  closedAt: Date | null;
}

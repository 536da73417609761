import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RATINGS, sqlList, type Rating } from './scales.js';
import type { StoredRating } from './scorecard.entity.js';
import { OrganizationEntity } from '@loopwright/database';

/** A change to a submitted scorecard by its author, with a reason: never updated, never deleted. */
@Entity('scorecard_amendments')
@Index('scorecard_amendments_sequence_key', ['scorecardId', 'sequence'], { unique: true })
@Index('scorecard_amendments_loop_idx', ['organizationId', 'loopId'])
@Check('scorecard_amendments_recommendation_known', `recommendation IN (${sqlList(RATINGS)})`)
export class ScorecardAmendment extends OrganizationEntity {
  @Column('uuid', { name: 'scorecard_id' })
  scorecardId: string;

  @ManyToOne('Scorecard', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scorecard_id' })
  scorecard?: { id: string };

  @Column('uuid', { name: 'loop_id' })
  loopId: string;

  /** 1, 2, 3... per scorecard: the order amendments apply in (the unique index also serializes concurrent ones). */
  @Column('int')
  sequence: number;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne('User')
  @JoinColumn({ name: 'author_id' })
  author?: { id: string };

  @Column('text')
  reason: string;

  /** The pillar ratings this amendment changes (others stay as they were); null when it changes none. */
  @Column('jsonb', { nullable: true })
  ratings: StoredRating[] | null;

  @Column('text', { nullable: true })
  recommendation: Rating | null;

  @Column('text', { nullable: true })
  summary: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampedOrganizationEntity } from '@loopwright/database';

import { RATINGS, sqlList, type PillarRating, type Rating } from './scales.js';

export { PILLAR_RATINGS, RATINGS, type PillarRating, type Rating } from './scales.js';
export type ScorecardStatus = 'draft' | 'submitted';

/** A rating of one pillar of the round, with the evidence behind it. */
export interface StoredRating {
  pillarId: string;
  rating: PillarRating | null;
  notes: string | null;
}

/** A question the interviewer asked, pinned to the version of the round's plan (or the version current when recorded). */
export interface StoredQuestion {
  questionId: string;
  version: number;
  pillarId: string;
  notes: string | null;
  /** The interviewer's rating of the answer to this question, on the pillars' scale; absent in lists kept before it. */
  rating?: Rating | null;
}

/**
 * One interviewer's (or shadow's) scorecard of one round. A draft changes only through a conditional update on
 * `version`; once `submitted` the row never changes again (amendments are rows of their own).
 */
@Entity('scorecards')
@Index('scorecards_round_author_key', ['roundId', 'authorId'], { unique: true })
@Index('scorecards_loop_idx', ['organizationId', 'loopId'])
@Index('scorecards_author_idx', ['organizationId', 'authorId'])
// The analytics fingerprints (count and latest of the counted scorecards) read it alone, by an index-only scan.
@Index('scorecards_counted_idx', ['organizationId', 'submittedAt', 'updatedAt'], { where: `status = 'submitted' AND NOT shadow` })
@Check('scorecards_status_known', `status IN ('draft', 'submitted')`)
@Check('scorecards_recommendation_known', `recommendation IN (${sqlList(RATINGS)})`)
@Check('scorecards_submitted_at', `(status = 'submitted') = (submitted_at IS NOT NULL)`)
export class Scorecard extends TimestampedOrganizationEntity {
  @Column('uuid', { name: 'loop_id' })
  loopId: string;

  @ManyToOne('Loop', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'loop_id' })
  loop?: { id: string };

  @Column('uuid', { name: 'round_id' })
  roundId: string;

  @ManyToOne('LoopRound', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: { id: string };

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @ManyToOne('User')
  @JoinColumn({ name: 'author_id' })
  author?: { id: string };

  /** A trainee's scorecard: out of the summary, the decision gate, analytics and packets unless asked for. */
  @Column('boolean', { default: false })
  shadow: boolean;

  @Column('text', { default: 'draft' })
  status: ScorecardStatus;

  @Column('int', { default: 1 })
  version: number;

  @Column('jsonb', { default: () => `'[]'` })
  ratings: StoredRating[];

  @Column('jsonb', { name: 'questions_asked', default: () => `'[]'` })
  questionsAsked: StoredQuestion[];

  @Column('text', { nullable: true })
  recommendation: Rating | null;

  @Column('text', { nullable: true })
  summary: string | null;

  /** The round's end when last saved or submitted (due times and hours to submit count from the later of it and `roundScheduledAt`). */
  @Column({ type: 'timestamptz', name: 'round_ends_at', precision: 3, nullable: true })
  roundEndsAt: Date | null;

  /** When the round got those times (due times, hours to submit and the on-time rate count from the later of the two). */
  @Column({ type: 'timestamptz', name: 'round_scheduled_at', precision: 3, nullable: true })
  roundScheduledAt: Date | null;

  /**
   * The organization's due hours when the scorecard was opened: its rating, then its write-up, are due this long after
   * the later of the round's end and its scheduling (kept here, so that every later save and the submission recompute
   * the due times on their own).
   */
  @Column('int', { name: 'rating_due_hours' })
  ratingDueHours: number;

  @Column('int', { name: 'writeup_due_hours' })
  writeupDueHours: number;

  @Column({ type: 'timestamptz', name: 'rating_due_at', precision: 3, nullable: true })
  ratingDueAt: Date | null;

  @Column({ type: 'timestamptz', name: 'writeup_due_at', precision: 3, nullable: true })
  writeupDueAt: Date | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', precision: 3, nullable: true })
  submittedAt: Date | null;
}

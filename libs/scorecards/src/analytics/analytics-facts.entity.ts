import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';

/**
 * The analytics facts: one organization's counted scorecards (submitted, non-shadow) reduced to the columns the
 * aggregates read, with amendments already applied. Rebuilt whole with the analytics snapshot, in its transaction,
 * so that they are as current as the snapshot's `fingerprint` says; a filtered request aggregates over them instead
 * of reading every scorecard's JSON. `positionId` (its loop's, from the loops library) and `submittedAt` are the
 * filters' columns; `loopId` takes a position's cancelled loops out.
 */
abstract class ScorecardFact extends OrganizationOwned {
  @Column('uuid', { name: 'loop_id' })
  loopId: string;

  @Column('uuid', { name: 'position_id' })
  positionId: string;

  @Column({ type: 'timestamptz', name: 'submitted_at', precision: 3 })
  submittedAt: Date;
}

/** One counted scorecard: its author and timeliness (null while its round has no end). */
@Entity('analytics_scorecard_facts')
@Index('analytics_scorecard_facts_submitted_idx', ['organizationId', 'submittedAt'])
@Index('analytics_scorecard_facts_position_idx', ['organizationId', 'positionId', 'submittedAt'])
export class AnalyticsScorecardFact extends ScorecardFact {
  @PrimaryColumn('uuid', { name: 'scorecard_id' })
  scorecardId: string;

  @ManyToOne('Scorecard', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scorecard_id' })
  scorecard?: { id: string };

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  /** Submitted within the write-up due hours of `timelinessFrom`. */
  @Column('boolean', { name: 'on_time', nullable: true })
  onTime: boolean | null;

  @Column('float8', { name: 'hours_to_submit', nullable: true })
  hoursToSubmit: number | null;
}

/** One pillar of a counted scorecard: its effective value (1..4; null for not_assessed). */
@Entity('analytics_rating_facts')
@Index('analytics_rating_facts_submitted_idx', ['organizationId', 'submittedAt'])
@Index('analytics_rating_facts_position_idx', ['organizationId', 'positionId', 'submittedAt'])
@Index('analytics_rating_facts_scorecard_idx', ['scorecardId'])
export class AnalyticsRatingFact extends ScorecardFact {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'scorecard_id' })
  scorecardId: string;

  @ManyToOne('Scorecard', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scorecard_id' })
  scorecard?: { id: string };

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('uuid', { name: 'pillar_id' })
  pillarId: string;

  @Column('float8', { nullable: true })
  value: number | null;
}

/** One question a counted scorecard asked: its own rating's value, the value analytics use (its own, else its pillar's), and its loop's decision. */
@Entity('analytics_question_facts')
@Index('analytics_question_facts_submitted_idx', ['organizationId', 'submittedAt'])
@Index('analytics_question_facts_position_idx', ['organizationId', 'positionId', 'submittedAt'])
@Index('analytics_question_facts_scorecard_idx', ['scorecardId'])
export class AnalyticsQuestionFact extends ScorecardFact {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'scorecard_id' })
  scorecardId: string;

  @ManyToOne('Scorecard', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scorecard_id' })
  scorecard?: { id: string };

  @Column('uuid', { name: 'question_id', nullable: true })
  questionId: string | null;

  @Column('float8', { name: 'own_value', nullable: true })
  ownValue: number | null;

  @Column('float8', { nullable: true })
  value: number | null;

  /** Its loop's decision (hire 1, no_hire 0; null while undecided). */
  @Column('float8', { name: 'decision_value', nullable: true })
  decisionValue: number | null;
}

export const ANALYTICS_FACT_ENTITIES = [AnalyticsScorecardFact, AnalyticsRatingFact, AnalyticsQuestionFact];

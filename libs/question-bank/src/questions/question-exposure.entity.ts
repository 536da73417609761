import { Check, Column, Entity, Index } from 'typeorm';
import { QuestionRow } from './question-row.entity.js';

export const EXPOSURE_KINDS = ['planned', 'asked'] as const;
export type ExposureKind = (typeof EXPOSURE_KINDS)[number];

/**
 * A question shown to a candidate: planned for a round of their loop, or asked in it. Candidates and loops
 * belong to the loops feature, which records exposures through the question-bank service (no foreign keys).
 */
@Entity('question_exposures')
@Index('question_exposures_candidate_idx', ['organizationId', 'candidateId'])
@Index('question_exposures_question_idx', ['questionId'])
@Check('question_exposures_kind_known', `kind IN ('planned', 'asked')`)
export class QuestionExposure extends QuestionRow {
  /** The question version planned or asked. */
  @Column('int')
  version: number;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @Column('uuid', { name: 'loop_id', nullable: true })
  loopId: string | null;

  @Column('text')
  kind: ExposureKind;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  at: Date;
}

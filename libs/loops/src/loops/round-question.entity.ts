import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LoopRoundPart } from './loop-round.entity.js';

/**
 * A question planned for a round, pinned to the version current when it was planned. `loop_id` is copied from
 * the round so that the unique index keeps a question from appearing twice in one loop.
 */
@Entity('round_questions')
@Index('round_questions_loop_question_key', ['loopId', 'questionId'], { unique: true })
@Index('round_questions_question_idx', ['questionId'])
export class RoundQuestion extends LoopRoundPart {
  @PrimaryColumn('uuid', { name: 'question_id' })
  questionId: string;

  @Column('uuid', { name: 'loop_id' })
  loopId: string;

  @ManyToOne('Loop', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'loop_id' })
  loop?: { id: string };

  @ManyToOne('Question')
  @JoinColumn({ name: 'question_id' })
  question?: { id: string };

  /** The pinned question version. */
  @Column('int')
  version: number;

  /** The order within the round. */
  @Column('int')
  position: number;
}

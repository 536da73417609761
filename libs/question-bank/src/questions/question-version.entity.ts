import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { QuestionRow } from './question-row.entity.js';

export const RUBRIC_LEVELS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type RubricLevel = (typeof RUBRIC_LEVELS)[number];
/** Guidance for each rating: what a `strong_no` ... `strong_yes` answer looks like. */
export type Rubric = Record<RubricLevel, string>;

export const MAX_PROMPT_LENGTH = 20_000;

/** One immutable revision of a question's prompt, rubric and follow-ups; scorecards refer to the exact one asked. */
@Entity('question_versions')
@Index('question_versions_question_number_key', ['questionId', 'number'], { unique: true })
@Check('question_versions_number_positive', 'number >= 1')
@Check('question_versions_prompt_length', 'char_length(prompt) BETWEEN 1 AND 20000')
@Check('question_versions_rubric_levels', `rubric ?& ARRAY['strong_no','no','yes','strong_yes']`)
export class QuestionVersion extends QuestionRow {
  /** 1, 2, 3... per question. */
  @Column('int')
  number: number;

  /** Markdown. */
  @Column('text')
  prompt: string;

  @Column('jsonb')
  rubric: Rubric;

  @Column('text', { name: 'follow_ups', array: true, default: () => `'{}'` })
  followUps: string[];

  /** Who wrote this version; null for seeded content and system imports. */
  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: { id: string };

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

import { Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';
import { Question } from './question.entity.js';

/** A row about one question (a version of it, an exposure of it), deleted with the question. */
export abstract class QuestionRow extends OrganizationEntity {
  @Column('uuid', { name: 'question_id' })
  questionId: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question>;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { LoopTemplate } from './loop-template.entity.js';
import { OrganizationEntity } from '@loopwright/database';

/** One round of a template; `pillar_ids` name pillars of the organization (deleting one in use is refused). */
@Entity('loop_template_rounds')
@Index('loop_template_rounds_template_idx', ['templateId'])
@Check('loop_template_rounds_duration_range', 'duration_minutes BETWEEN 1 AND 480')
@Check('loop_template_rounds_question_count_range', 'question_count BETWEEN 0 AND 10')
export class LoopTemplateRound extends OrganizationEntity {
  @Column('uuid', { name: 'template_id' })
  templateId: string;

  @ManyToOne(() => LoopTemplate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<LoopTemplate>;

  /** 0, 1, 2... the order of the rounds. */
  @Column('int')
  position: number;

  @Column('text')
  title: string;

  @Column('int', { name: 'duration_minutes' })
  durationMinutes: number;

  @Column('uuid', { name: 'pillar_ids', array: true })
  pillarIds: string[];

  @Column('int', { name: 'question_count' })
  questionCount: number;

  /** Question tags the round prefers when planning (lowercase; empty: any question of its pillars). */
  @Column('text', { array: true, default: () => "'{}'" })
  tags: string[];
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';
import { OrganizationOwned } from '@loopwright/database';

export const QUALIFICATION_LEVELS = ['shadow', 'qualified'] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/** An interviewer's standing on one pillar. The pillar belongs to the question bank, named by entity name. */
@Entity('user_qualifications')
@Check('user_qualifications_level_known', `level IN ('shadow', 'qualified')`)
@Index('user_qualifications_pillar_idx', ['pillarId'])
export class UserQualification extends OrganizationOwned {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('uuid', { name: 'pillar_id' })
  pillarId: string;

  @Column('text')
  level: QualificationLevel;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @ManyToOne('Pillar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pillar_id' })
  pillar?: { id: string };
}

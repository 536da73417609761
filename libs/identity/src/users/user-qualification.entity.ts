import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';
import { OrganizationOwned } from '@loopwright/database';

export const QUALIFICATION_LEVELS = ['shadow', 'qualified'] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/**
 * The foreign key to the question bank's pillar (named by entity name: identity sits below it), by the question bank's
 * `pillarReference` convention: the pillar is one of the qualification's organization, and is not deleted while
 * someone is qualified on it (409 PILLAR_IN_USE, "interviewer qualifications").
 */
export const QUALIFICATION_PILLAR_REFERENCE = 'pillar_used_by_interviewer_qualifications';

/** An interviewer's standing on one pillar. */
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

  @ManyToOne('Pillar')
  @JoinColumn([
    { name: 'organization_id', referencedColumnName: 'organizationId', foreignKeyConstraintName: QUALIFICATION_PILLAR_REFERENCE },
    { name: 'pillar_id', referencedColumnName: 'id' },
  ])
  pillar?: { id: string };
}

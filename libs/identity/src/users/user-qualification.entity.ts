import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { User } from './user.entity.js';

export const QUALIFICATION_LEVELS = ['shadow', 'qualified'] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/** An interviewer's standing on one pillar. The pillar belongs to the question bank, named by entity name. */
@Entity('user_qualifications')
@Check('user_qualifications_level_known', `level IN ('shadow', 'qualified')`)
@Index('user_qualifications_pillar_idx', ['pillarId'])
export class UserQualification {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('uuid', { name: 'pillar_id' })
  pillarId: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text')
  level: QualificationLevel;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @ManyToOne('Pillar', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pillar_id' })
  pillar?: { id: string };
}

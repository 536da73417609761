import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampedOrganizationEntity } from '@loopwright/database';

export const ROLE_FAMILIES = ['ai_engineer', 'ml_engineer', 'other'] as const;
export type RoleFamily = (typeof ROLE_FAMILIES)[number];

export const POSITION_STATUSES = ['open', 'closed'] as const;
export type PositionStatus = (typeof POSITION_STATUSES)[number];

/** A job the team hires for; its hiring manager creates and changes the loops of its candidates. */
@Entity('positions')
@Index('positions_organization_idx', ['organizationId'])
@Index('positions_hiring_manager_idx', ['hiringManagerId'])
@Check('positions_role_family_known', `role_family IN ('ai_engineer', 'ml_engineer', 'other')`)
@Check('positions_status_known', `status IN ('open', 'closed')`)
export class Position extends TimestampedOrganizationEntity {
  @Column('text')
  title: string;

  @Column('text', { name: 'role_family' })
  roleFamily: RoleFamily;

  /** Free text: `senior`, `L5`, `staff`... */
  @Column('text')
  level: string;

  @Column('uuid', { name: 'hiring_manager_id' })
  hiringManagerId: string;

  @ManyToOne('User')
  @JoinColumn({ name: 'hiring_manager_id' })
  hiringManager?: { id: string };

  @Column('text', { default: 'open' })
  status: PositionStatus;
}

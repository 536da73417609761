import { Column, CreateDateColumn, Entity, Index, Unique } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

/**
 * A row of another feature that names a pillar (an interviewer's qualification, a loop round) refers to it with a
 * foreign key `(organization_id, pillar_id) → pillars (organization_id, id)` named `pillarReference('what uses it')`:
 * the database then keeps the pillar one of the row's organization, and refuses to delete it while the row exists,
 * which `PillarsService.remove` answers with 409 PILLAR_IN_USE naming what uses it. Identity, below the question bank,
 * spells the name out: `pillar_used_by_interviewer_qualifications`.
 */
export const PILLAR_REFERENCE_PREFIX = 'pillar_used_by_';
export const pillarReference = (usedBy: string): string => `${PILLAR_REFERENCE_PREFIX}${usedBy.replaceAll(' ', '_')}`;

/** An area an interview assesses (foundations, coding, system design, behavioral), per organization. */
@Entity('pillars')
@Index('pillars_organization_key_key', ['organizationId', 'key'], { unique: true })
// What the composite foreign keys of `pillarReference` point at.
@Unique('pillars_organization_id_key', ['organizationId', 'id'])
export class Pillar extends OrganizationEntity {
  /** Stable identifier for templates and imports (`system-design`). */
  @Column('text')
  key: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('int')
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

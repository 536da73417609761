import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

/** An area an interview assesses (foundations, coding, system design, behavioral), per organization. */
@Entity('pillars')
@Index('pillars_organization_key_key', ['organizationId', 'key'], { unique: true })
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

import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** An area an interview assesses (foundations, coding, system design, behavioral), per organization. */
@Entity('pillars')
@Index('pillars_organization_key_key', ['organizationId', 'key'], { unique: true })
export class Pillar {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: { id: string };

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

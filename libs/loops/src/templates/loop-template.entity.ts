import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const MAX_TEMPLATE_ROUNDS = 20;
export const MAX_QUESTIONS_PER_ROUND = 10;
/** No round lasts longer than 8 hours. */
export const MAX_ROUND_MINUTES = 480;

/** A reusable loop: ordered rounds (`loop_template_rounds`) that a new loop copies. */
@Entity('loop_templates')
@Index('loop_templates_organization_idx', ['organizationId'])
export class LoopTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: { id: string };

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

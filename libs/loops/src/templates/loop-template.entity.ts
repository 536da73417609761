import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

export const MAX_TEMPLATE_ROUNDS = 20;
export const MAX_QUESTIONS_PER_ROUND = 10;
/** No round lasts longer than 8 hours. */
export const MAX_ROUND_MINUTES = 480;

/** A reusable loop: ordered rounds (`loop_template_rounds`) that a new loop copies. */
@Entity('loop_templates')
@Index('loop_templates_organization_idx', ['organizationId'])
export class LoopTemplate extends OrganizationEntity {
  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

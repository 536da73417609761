import { Column, Entity, Index } from 'typeorm';
import { TimestampedOrganizationEntity } from '@loopwright/database';

export const MAX_TEMPLATE_ROUNDS = 20;
export const MAX_QUESTIONS_PER_ROUND = 10;
/** No round lasts longer than 8 hours. */
export const MAX_ROUND_MINUTES = 480;

/** A reusable loop: ordered rounds (`loop_template_rounds`) that a new loop copies. */
@Entity('loop_templates')
@Index('loop_templates_organization_idx', ['organizationId'])
export class LoopTemplate extends TimestampedOrganizationEntity {
  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;
}

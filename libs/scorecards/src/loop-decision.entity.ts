import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';

import { DECISIONS, sqlList, type Decision } from './scales.js';

export { DECISIONS, type Decision } from './scales.js';

/** The hiring decision of a loop: one per loop, never changed. */
@Entity('loop_decisions')
@Check('loop_decisions_decision_known', `decision IN (${sqlList(DECISIONS)})`)
export class LoopDecision extends OrganizationOwned {
  @PrimaryColumn('uuid', { name: 'loop_id' })
  loopId: string;

  @ManyToOne('Loop', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'loop_id' })
  loop?: { id: string };

  @Column('text')
  decision: Decision;

  @Column('text', { nullable: true })
  note: string | null;

  /** Decided while scorecards were missing (`force: true`); `missingRoundIds` says which. */
  @Column('boolean', { default: false })
  forced: boolean;

  @Column('uuid', { name: 'missing_round_ids', array: true, default: () => `'{}'` })
  missingRoundIds: string[];

  @Column('uuid', { name: 'decided_by_id', nullable: true })
  decidedById: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_id' })
  decidedBy?: { id: string };

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz', precision: 3 })
  decidedAt: Date;
}

import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { pillarReference } from '@loopwright/question-bank';
import { LoopRoundPart } from './loop-round.entity.js';

export const ROUND_PILLAR_REFERENCE = pillarReference('loop rounds');

/**
 * A pillar a round assesses, one row per (round, pillar), so that a foreign key keeps a pillar in use from being
 * deleted (409 PILLAR_IN_USE, "loop rounds"); PostgreSQL has no foreign keys on array elements. `loop_rounds.pillar_ids`
 * stays what the code reads and writes: a trigger of the migration (`loop_round_pillars_sync`) keeps these rows equal
 * to it on every insert and every update of `pillar_ids`, and nothing else writes them.
 */
@Entity('loop_round_pillars')
@Index('loop_round_pillars_pillar_idx', ['pillarId'])
export class LoopRoundPillar extends LoopRoundPart {
  @PrimaryColumn('uuid', { name: 'pillar_id' })
  pillarId: string;

  @ManyToOne('Pillar')
  @JoinColumn([
    { name: 'organization_id', referencedColumnName: 'organizationId', foreignKeyConstraintName: ROUND_PILLAR_REFERENCE },
    { name: 'pillar_id', referencedColumnName: 'id' },
  ])
  pillar?: { id: string };
}

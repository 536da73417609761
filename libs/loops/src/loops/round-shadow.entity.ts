import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LoopRoundPart } from './loop-round.entity.js';

/** A trainee who sits in on a round: gets the kit and a scorecard of their own, marked as a shadow's. */
@Entity('round_shadows')
@Index('round_shadows_user_idx', ['userId'])
export class RoundShadow extends LoopRoundPart {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };

  /** The status of the shadow's own scorecard, set by the scorecards feature through `LoopsService.setScorecardStatus`. */
  @Column('text', { name: 'scorecard_status', default: 'not_started' })
  scorecardStatus: string;

  /** When the shadow said they did not attend; the seat's removal ends it with the row. */
  @Column({ type: 'timestamptz', name: 'not_attended_at', precision: 3, nullable: true })
  notAttendedAt: Date | null;
}

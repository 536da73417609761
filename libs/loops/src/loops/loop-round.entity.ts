import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Loop } from './loop.entity.js';
import { OrganizationEntity, OrganizationOwned } from '@loopwright/database';

export const INTERVIEWER_NO_OVERLAP = 'loop_rounds_interviewer_no_overlap';

/**
 * One interview of a loop. No two rounds of one interviewer overlap in time, across all loops: the exclusion
 * constraint (btree_gist, created by the migration) decides between concurrent assignments.
 */
@Entity('loop_rounds')
@Index('loop_rounds_loop_idx', ['loopId'])
// An interviewer's rounds in time order: "my assignments" reads upcoming and past ones as ranges of it.
@Index('loop_rounds_interviewer_schedule_idx', ['interviewerId', 'startsAt'])
@Exclusion(
  INTERVIEWER_NO_OVERLAP,
  `USING gist ("interviewer_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("interviewer_id" IS NOT NULL AND "starts_at" IS NOT NULL AND "ends_at" IS NOT NULL)`,
)
@Index('loop_rounds_reminder_scan_idx', ['endsAt'], { where: `interviewer_id IS NOT NULL AND scorecard_status IN ('not_started', 'draft')` })
@Check('loop_rounds_times_together', '(starts_at IS NULL) = (ends_at IS NULL)')
@Check('loop_rounds_times_ordered', 'ends_at > starts_at')
@Check('loop_rounds_at_most_8_hours', `ends_at - starts_at <= interval '8 hours'`)
@Check('loop_rounds_duration_range', 'duration_minutes BETWEEN 1 AND 480')
export class LoopRound extends OrganizationEntity {
  @Column('uuid', { name: 'loop_id' })
  loopId: string;

  @ManyToOne(() => Loop, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'loop_id' })
  loop?: Relation<Loop>;

  /** 0, 1, 2... the order of the rounds in the loop. */
  @Column('int')
  position: number;

  @Column('text')
  title: string;

  @Column('uuid', { name: 'pillar_ids', array: true })
  pillarIds: string[];

  /** The planned length; a start time without an end gets this many minutes. */
  @Column('int', { name: 'duration_minutes', default: 60 })
  durationMinutes: number;

  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3, nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', name: 'ends_at', precision: 3, nullable: true })
  endsAt: Date | null;

  /** When the round got its current times (a round recorded after the fact gets them after its end); null before. */
  @Column({ type: 'timestamptz', name: 'scheduled_at', precision: 3, nullable: true })
  scheduledAt: Date | null;

  @Column('uuid', { name: 'interviewer_id', nullable: true })
  interviewerId: string | null;

  @ManyToOne('User')
  @JoinColumn({ name: 'interviewer_id' })
  interviewer?: { id: string };

  /** Set by the scorecards feature through `LoopsService.setScorecardStatus`. */
  @Column('text', { name: 'scorecard_status', default: 'not_started' })
  scorecardStatus: string;

  /**
   * Where the interviewer's reminder ladder stands, set by the notifications feature through
   * `LoopsService.recordReminderProgress`: for which interviewer and round end it was worked out, and when its next
   * step comes (null: the ladder is over). A new interviewer or a new end starts the ladder afresh.
   */
  @Column('uuid', { name: 'reminder_user_id', nullable: true })
  reminderUserId: string | null;

  @Column({ type: 'timestamptz', name: 'reminder_ends_at', precision: 3, nullable: true })
  reminderEndsAt: Date | null;

  @Column({ type: 'timestamptz', name: 'next_reminder_at', precision: 3, nullable: true })
  nextReminderAt: Date | null;

  /**
   * When the interviewer said they did not attend (`POST /api/rounds/:id/not-attended`): their reminders stop and the
   * loop plan says so until the recruiter reassigns the round (a new interviewer clears it) or cancels it.
   */
  @Column({ type: 'timestamptz', name: 'interviewer_not_attended_at', precision: 3, nullable: true })
  interviewerNotAttendedAt: Date | null;
}

/** A row that belongs to one round (a pillar it assesses, a shadow, a planned question): keyed by it, deleted with it. */
export abstract class LoopRoundPart extends OrganizationOwned {
  @PrimaryColumn('uuid', { name: 'round_id' })
  roundId: string;

  @ManyToOne(() => LoopRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Relation<LoopRound>;
}

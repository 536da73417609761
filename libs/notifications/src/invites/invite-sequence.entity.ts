import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';

/**
 * The calendar invite one person has for one round (UID `round-<roundId>-<userId>`): the SEQUENCE last sent and the
 * times and title it carried, so that a change is told apart from a repeat, and a cancellation can still be sent
 * once the round itself is gone (no foreign key to the round for that reason).
 */
@Entity('invite_sequences')
export class InviteSequence extends OrganizationOwned {
  @PrimaryColumn('uuid', { name: 'round_id' })
  roundId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };

  @Column('int')
  sequence: number;

  /** false once a METHOD:CANCEL was the last thing sent. */
  @Column('boolean')
  active: boolean;

  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at', precision: 3 })
  endsAt: Date;

  /** The event's SUMMARY as last sent (round title and candidate name), for a cancellation after the round is gone. */
  @Column('text')
  summary: string;

  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 })
  updatedAt: Date;
}

import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';

/**
 * The last **Remind now** of one scorecard seat (a round and the person who owes its scorecard): the rate limit, held
 * in PostgreSQL so that it holds across API processes. Gone with the round.
 */
@Entity('manual_reminders')
export class ManualReminder extends OrganizationOwned {
  @PrimaryColumn('uuid', { name: 'round_id' })
  roundId: string;

  @ManyToOne('LoopRound', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: { id: string };

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };

  @Column({ type: 'timestamptz', name: 'reminded_at', precision: 3 })
  remindedAt: Date;

  /** Who asked for it; null once that user is gone. */
  @Column('uuid', { name: 'reminded_by_id', nullable: true })
  remindedById: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reminded_by_id' })
  remindedBy?: { id: string };
}

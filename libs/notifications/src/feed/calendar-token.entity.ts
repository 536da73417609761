import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';

/**
 * A user's calendar feed token (`GET /calendar/:token.ics`): one per user, only its SHA-256 stored. A new token
 * replaces the row, so the old feed URL stops answering at once.
 */
@Entity('calendar_tokens')
@Index('calendar_tokens_token_hash', ['tokenHash'], { unique: true })
export class CalendarToken extends OrganizationOwned {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };

  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;
}

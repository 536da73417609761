import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';

/**
 * A user's mail preferences: the optional kinds they turned off. No row: every kind is on. The reminders of one's own
 * overdue scorecards are never in `disabled_kinds` (the service refuses them).
 */
@Entity('notification_preferences')
export class NotificationPreference extends OrganizationOwned {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };

  @Column('text', { name: 'disabled_kinds', array: true, default: () => "'{}'" })
  disabledKinds: string[];

  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 })
  updatedAt: Date;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OutboxRow } from '../outbox/outbox-row.entity.js';

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'held'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * The mail outbox: one row per message, written in the transaction of what caused it and sent by the worker.
 * Its key names the reason (e.g. `invite:<roundId>:<userId>:<sequence>`); the last error is the SMTP error code and
 * response code. With no SMTP_URL a message is `held` (kept to be shown, never sent).
 */
@Entity('mail_outbox')
@Check('mail_outbox_status_known', `status IN ('queued', 'sending', 'sent', 'failed', 'held')`)
@Check('mail_outbox_calendar_whole', `(calendar_method IS NULL) = (calendar_body IS NULL)`)
@Index('mail_outbox_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('mail_outbox_due_idx', ['nextAttemptAt'], { where: `status IN ('queued', 'sending')` })
export class MailMessage extends OutboxRow<MailStatus> {
  /** What the message is (`invite`, `invite-cancel`, …): its templates are `templates/mail/<kind>.*.hbs`. */
  @Column('text')
  kind: string;

  /** The user it is for; null for an address that is no user's (a channel, an outside guest). */
  @Column('uuid', { name: 'recipient_user_id', nullable: true })
  recipientUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recipient_user_id' })
  recipientUser?: { id: string };

  @Column('text', { name: 'recipient_address' })
  recipientAddress: string;

  @Column('text')
  subject: string;

  @Column('text', { name: 'text_body' })
  textBody: string;

  @Column('text', { name: 'html_body' })
  htmlBody: string;

  /** An iCalendar part (RFC 5546 METHOD and the VCALENDAR text), or none. */
  @Column('text', { name: 'calendar_method', nullable: true })
  calendarMethod: string | null;

  @Column('text', { name: 'calendar_body', nullable: true })
  calendarBody: string | null;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'held'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * The mail outbox: one row per message, written in the transaction of what caused it and sent by the worker.
 * `queued` → `sending` (claimed by a sender) → `sent`; a failed send goes back to `queued` until `failed`; with no
 * SMTP_URL a message is `held` (kept to be shown, never sent).
 */
@Entity('mail_outbox')
@Check('mail_outbox_status_known', `status IN ('queued', 'sending', 'sent', 'failed', 'held')`)
@Check('mail_outbox_calendar_whole', `(calendar_method IS NULL) = (calendar_body IS NULL)`)
@Index('mail_outbox_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('mail_outbox_due_idx', ['nextAttemptAt'], { where: `status IN ('queued', 'sending')` })
export class MailMessage extends OrganizationEntity {
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

  /** Names the message's reason (e.g. `invite:<roundId>:<userId>:<sequence>`): enqueuing it again does nothing. */
  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('text', { default: 'queued' })
  status: MailStatus;

  /** Sends started (claims), the successful one included. */
  @Column('int', { default: 0 })
  attempts: number;

  /** `queued`: when it is due. `sending`: when the sender's lease ends and another sender may take it. */
  @Column({ type: 'timestamptz', name: 'next_attempt_at', precision: 3 })
  nextAttemptAt: Date;

  /** The SMTP error code and response code of the last failure: never an address, a name or a subject. */
  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'sent_at', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;
}

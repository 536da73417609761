import { Check, Column, Entity, Index } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

export const SLACK_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type SlackStatus = (typeof SLACK_STATUSES)[number];

/**
 * The Slack outbox: one row per channel message (the daily digest), posted by the worker to the organization's
 * webhook with retries, as mail is sent from `mail_outbox`. The URL is read at send time, never copied here.
 */
@Entity('slack_outbox')
@Check('slack_outbox_status_known', `status IN ('queued', 'sending', 'sent', 'failed')`)
@Index('slack_outbox_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('slack_outbox_due_idx', ['nextAttemptAt'], { where: `status IN ('queued', 'sending')` })
export class SlackMessage extends OrganizationEntity {
  /** `slack-digest:<organizationId>:<local date>`: enqueuing it again does nothing. */
  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  /** The JSON body posted to the webhook (`text` and `blocks`). */
  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { default: 'queued' })
  status: SlackStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', name: 'next_attempt_at', precision: 3 })
  nextAttemptAt: Date;

  /** An error code or HTTP status of the last failure: never the URL or the response body. */
  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'sent_at', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;
}

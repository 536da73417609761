import { Check, Column, Entity, Index } from 'typeorm';
import { OutboxRow } from '../outbox/outbox-row.entity.js';

export const SLACK_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type SlackStatus = (typeof SLACK_STATUSES)[number];

/**
 * The Slack outbox: one row per channel message (the daily digest), posted by the worker to the organization's
 * webhook with retries, as mail is sent from `mail_outbox`. The URL is read at send time, never copied here. Its key
 * is `slack-digest:<organizationId>:<local date>`; the last error is an error code or the HTTP status.
 */
@Entity('slack_outbox')
@Check('slack_outbox_status_known', `status IN ('queued', 'sending', 'sent', 'failed')`)
@Index('slack_outbox_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('slack_outbox_due_idx', ['nextAttemptAt'], { where: `status IN ('queued', 'sending')` })
export class SlackMessage extends OutboxRow<SlackStatus> {
  /** The JSON body posted to the webhook (`text` and `blocks`). */
  @Column('jsonb')
  payload: Record<string, unknown>;
}

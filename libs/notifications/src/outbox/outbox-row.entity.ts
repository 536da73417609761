import { Column } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';

/**
 * What every outbox row (`mail_outbox`, `slack_outbox`) keeps to be delivered at least once: the key that makes
 * enqueuing idempotent, and the state the sender claims (`claimDueSql`) and retries by.
 * `queued` → `sending` (claimed by a sender) → `sent`; a failed delivery goes back to `queued` until `failed`.
 */
export abstract class OutboxRow<Status extends string> extends OrganizationEntity {
  /** Names the message's reason: enqueuing it again does nothing. */
  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('text', { default: 'queued' })
  status: Status;

  /** Deliveries started (claims), the successful one included. */
  @Column('int', { default: 0 })
  attempts: number;

  /** `queued`: when it is due. `sending`: when the sender's lease ends and another sender may take it. */
  @Column({ type: 'timestamptz', name: 'next_attempt_at', precision: 3 })
  nextAttemptAt: Date;

  /** An error code of the last failure: never an address, a URL, a name, a subject or a response body. */
  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'sent_at', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import { claimLeased, inBatches } from '@loopwright/database';
import { retryDelayMs, retryPolicyOf, type RetryPolicy } from '@loopwright/events';
import type { DataSource } from 'typeorm';
import { claimDueSql } from '../outbox/claim-due.js';
import { mailDomain, MailTransport } from './mail-transport.js';

interface ClaimedMail {
  id: string;
  kind: string;
  recipient_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  calendar_method: string | null;
  calendar_body: string | null;
  attempts: number;
}

const BATCH = 20;

/** Takes due messages (`claimDueSql`); the sender talks to SMTP outside any transaction. */
const CLAIM_SQL = claimDueSql(
  'mail_outbox',
  'm.id, m.kind, m.recipient_address, m.subject, m.text_body, m.html_body, m.calendar_method, m.calendar_body, m.attempts',
);

/** The batch's successes, each only by the claim still current (`attempts` as the fence). */
const RECORD_SENT_SQL = `
  UPDATE mail_outbox m SET status = 'sent', sent_at = $2, last_error = NULL
    FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, attempts int)
   WHERE m.id = s.id AND m.status = 'sending' AND m.attempts = s.attempts`;

/** Without SMTP_URL: due messages are kept, never sent. */
const HOLD_SQL = `
  UPDATE mail_outbox m SET status = 'held'
   WHERE m.id IN (SELECT id FROM mail_outbox
                   WHERE status IN ('queued', 'sending') AND next_attempt_at <= $1
                   ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING m.id, m.kind`;

/**
 * Sends the outbox over SMTP from the worker. Each message has a Message-ID of its own row, so a message sent again
 * after a sender died before recording it is the same message to the receiving side. A result is recorded only by
 * the claim that is still current (`attempts` as the fence): a sender whose lease another one took over changes
 * nothing. Safe with several senders on one database.
 */
@Injectable()
export class MailSender {
  private readonly logger = new Logger(MailSender.name);
  private readonly retry: RetryPolicy;
  private readonly leaseMs: number;
  private readonly domain: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.retry = retryPolicyOf(config.mail);
    this.leaseMs = config.mail.leaseSeconds * 1000;
    this.domain = mailDomain(config.mail.from);
  }

  /** Sends (or holds) everything due, batch by batch; resolves with the number of messages taken. */
  drain(): Promise<number> {
    return inBatches(BATCH, () => (this.transport.configured ? this.sendBatch() : this.holdBatch()));
  }

  private async holdBatch(): Promise<number> {
    const [rows] = await this.dataSource.query<[{ id: string; kind: string }[], number]>(HOLD_SQL, [this.clock.now(), BATCH]);
    for (const row of rows) this.logger.log({ mailId: row.id, kind: row.kind }, 'Mail held in the outbox: SMTP_URL is not set');
    return rows.length;
  }

  /** One claim, the batch's sends in parallel over the pool, then one statement recording every success (failures one by one). */
  private async sendBatch(): Promise<number> {
    const rows = await claimLeased<ClaimedMail>(this.dataSource, CLAIM_SQL, this.clock.now(), this.leaseMs, BATCH);
    const sent = (await Promise.all(rows.map(async (row) => ((await this.sendOne(row)) ? [row] : [])))).flat();
    if (sent.length > 0) {
      await this.dataSource.query(RECORD_SENT_SQL, [JSON.stringify(sent.map((row) => ({ id: row.id, attempts: row.attempts }))), this.clock.now()]);
    }
    return rows.length;
  }

  /** Resolves true when the server took the message; a failure is recorded here. */
  private async sendOne(row: ClaimedMail): Promise<boolean> {
    try {
      await this.transport.send({
        messageId: `<${row.id}@${this.domain}>`,
        to: row.recipient_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        calendar: row.calendar_method && row.calendar_body ? { method: row.calendar_method, body: row.calendar_body } : null,
      });
      return true;
    } catch (error) {
      await this.recordFailure(row, error);
      return false;
    }
  }

  private async recordFailure(row: ClaimedMail, error: unknown): Promise<void> {
    const now = this.clock.now();
    const givenUp = row.attempts >= this.retry.maxAttempts;
    const nextAttemptAt = givenUp ? now : new Date(now.getTime() + retryDelayMs(row.attempts, this.retry));
    const reason = smtpFailure(error);
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = $3, next_attempt_at = $4, last_error = $5 WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [row.id, row.attempts, givenUp ? 'failed' : 'queued', nextAttemptAt, reason],
    );
    const context = { mailId: row.id, kind: row.kind, attempts: row.attempts, reason };
    if (givenUp) this.logger.error(context, 'Mail could not be sent on any attempt; given up');
    else this.logger.warn({ ...context, nextAttemptAt }, 'Mail could not be sent; retrying later');
  }
}

/**
 * What went wrong, without the server's words: an SMTP reply often quotes the address (`550 <ada@…>: no such
 * user`), so only nodemailer's error code and the SMTP response code are kept.
 */
export function smtpFailure(error: unknown): string {
  const details = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = [
    typeof details.code === 'string' && /^[A-Z_]+$/.test(details.code) ? details.code : 'ERROR',
    typeof details.command === 'string' && /^[A-Z ]+$/.test(details.command) ? details.command : null,
    typeof details.responseCode === 'number' ? String(details.responseCode) : null,
  ];
  return parts.filter((part) => part !== null).join(' ');
}

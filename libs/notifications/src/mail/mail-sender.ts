import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import { retryDelayMs, type RetryPolicy } from '@loopwright/events';
import type { DataSource } from 'typeorm';
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

/**
 * Takes due messages: queued ones whose time has come, and ones another sender claimed whose lease ran out (that
 * sender was killed mid-send). The claim commits at once (status `sending`, the lease end in next_attempt_at, one more
 * attempt), so other senders skip the rows while this one talks to SMTP outside any transaction.
 */
const CLAIM_SQL = `
  UPDATE mail_outbox m SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = $2
   WHERE m.id IN (SELECT id FROM mail_outbox
                   WHERE status IN ('queued', 'sending') AND next_attempt_at <= $1
                   ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING m.id, m.kind, m.recipient_address, m.subject, m.text_body, m.html_body, m.calendar_method, m.calendar_body, m.attempts`;

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
    const { retryFirstSeconds, retryMaxSeconds, maxAttempts, leaseSeconds, from } = config.mail;
    this.retry = { firstDelayMs: retryFirstSeconds * 1000, maxDelayMs: retryMaxSeconds * 1000, maxAttempts };
    this.leaseMs = leaseSeconds * 1000;
    this.domain = mailDomain(from);
  }

  /** Sends (or holds) everything due, batch by batch; resolves with the number of messages taken. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = this.transport.configured ? await this.sendBatch() : await this.holdBatch();
      total += taken;
      if (taken < BATCH) return total;
    }
  }

  private async holdBatch(): Promise<number> {
    const [rows] = await this.dataSource.query<[{ id: string; kind: string }[], number]>(HOLD_SQL, [this.clock.now(), BATCH]);
    for (const row of rows) this.logger.log({ mailId: row.id, kind: row.kind }, 'Mail held in the outbox: SMTP_URL is not set');
    return rows.length;
  }

  private async sendBatch(): Promise<number> {
    const now = this.clock.now();
    const [rows] = await this.dataSource.query<[ClaimedMail[], number]>(CLAIM_SQL, [now, new Date(now.getTime() + this.leaseMs), BATCH]);
    await Promise.all(rows.map((row) => this.sendOne(row)));
    return rows.length;
  }

  private async sendOne(row: ClaimedMail): Promise<void> {
    try {
      await this.transport.send({
        messageId: `<${row.id}@${this.domain}>`,
        to: row.recipient_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        calendar: row.calendar_method && row.calendar_body ? { method: row.calendar_method, body: row.calendar_body } : null,
      });
    } catch (error) {
      await this.recordFailure(row, error);
      return;
    }
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = $3, last_error = NULL WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [row.id, row.attempts, this.clock.now()],
    );
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

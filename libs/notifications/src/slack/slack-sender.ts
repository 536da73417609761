import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import { claimLeased, inBatches } from '@loopwright/database';
import { retryDelayMs, retryPolicyOf, type RetryPolicy } from '@loopwright/events';
import { IncomingWebhook, type FetchFunction, type IncomingWebhookSendArguments } from '@slack/webhook';
import type { DataSource } from 'typeorm';
import { claimDueSql } from '../outbox/claim-due.js';

interface ClaimedSlackMessage {
  id: string;
  organization_id: string;
  payload: IncomingWebhookSendArguments;
  attempts: number;
  webhook_url: string | null;
}

const BATCH = 20;

/** As the mail sender's claim; the URL is read now (never stored with the message). */
const CLAIM_SQL = claimDueSql(
  'slack_outbox',
  `m.id, m.organization_id, m.payload, m.attempts,
   (SELECT s.webhook_url FROM slack_settings s WHERE s.organization_id = m.organization_id) AS webhook_url`,
);

/** A redirect is refused: the admin set this URL, not whatever it points on to. */
const noRedirects: FetchFunction = (url, init) => fetch(url, { ...init, redirect: 'error' } as RequestInit) as ReturnType<FetchFunction>;

/**
 * Posts the Slack outbox to each organization's incoming webhook (`@slack/webhook`) from the worker, with the mail's
 * retry policy (MAIL_RETRY_*, MAIL_MAX_ATTEMPTS) and lease. Failures are recorded as a code and an HTTP status, never
 * the URL or the body.
 */
@Injectable()
export class SlackSender {
  private readonly logger = new Logger(SlackSender.name);
  private readonly retry: RetryPolicy;
  private readonly leaseMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.retry = retryPolicyOf(config.mail);
    this.leaseMs = config.mail.leaseSeconds * 1000;
  }

  /** Posts everything due, batch by batch; resolves with the number of messages taken. */
  drain(): Promise<number> {
    return inBatches(BATCH, async () => {
      const rows = await claimLeased<ClaimedSlackMessage>(this.dataSource, CLAIM_SQL, this.clock.now(), this.leaseMs, BATCH);
      await Promise.all(rows.map((row) => this.postOne(row)));
      return rows.length;
    });
  }

  private async postOne(row: ClaimedSlackMessage): Promise<void> {
    if (!row.webhook_url) {
      await this.record(row, 'failed', 'NO_WEBHOOK');
      return;
    }
    try {
      const timeout = Math.min(30_000, this.leaseMs / 3);
      await new IncomingWebhook(row.webhook_url, { fetch: noRedirects, timeout }).send(row.payload);
    } catch (error) {
      const givenUp = row.attempts >= this.retry.maxAttempts;
      const reason = slackFailure(error);
      await this.record(row, givenUp ? 'failed' : 'queued', reason, givenUp ? undefined : retryDelayMs(row.attempts, this.retry));
      const context = { slackMessageId: row.id, organizationId: row.organization_id, attempts: row.attempts, reason };
      if (givenUp) this.logger.error(context, 'Slack message could not be posted on any attempt; given up');
      else this.logger.warn(context, 'Slack message could not be posted; retrying later');
      return;
    }
    await this.dataSource.query(
      `UPDATE slack_outbox SET status = 'sent', sent_at = $3, last_error = NULL WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [row.id, row.attempts, this.clock.now()],
    );
  }

  private async record(row: ClaimedSlackMessage, status: 'queued' | 'failed', reason: string, delayMs = 0): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE slack_outbox SET status = $3, next_attempt_at = $4, last_error = $5 WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [row.id, row.attempts, status, new Date(now.getTime() + delayMs), reason],
    );
  }
}

/** The library's error code and the HTTP status, nothing the server said (it could echo the URL). */
export function slackFailure(error: unknown): string {
  const details = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  const code = typeof details.code === 'string' && /^[a-z_]+$/.test(details.code) ? details.code : 'error';
  return typeof details.statusCode === 'number' ? `${code} ${details.statusCode}` : code;
}

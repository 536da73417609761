import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import { claimLeased, inBatches } from '@loopwright/database';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { resolveDeliveryAddress, type Resolver } from './address-policy.js';
import { isRetryableStatus, retryAfterMs, webhookRetryDelayMs, WEBHOOK_MAX_ATTEMPTS, type Jitter } from './retry-schedule.js';
import { postWebhook } from './webhook-post.js';
import { signatureHeader } from './webhook-signature.js';

interface ClaimedDelivery {
  id: string;
  organization_id: string;
  endpoint_id: string;
  message_id: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  active: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/** How an attempt ended, as recorded on the delivery. */
interface Outcome {
  status: 'delivered' | 'pending' | 'failed';
  responseStatus: number | null;
  durationMs: number | null;
  lastError: string | null;
  delayMs?: number;
}

const BATCH = 20;

/**
 * The due deliveries (pending ones whose time has come, and claimed ones whose lease ran out: that sender was killed
 * mid-send), taken with SKIP LOCKED and committed at once as `sending` with one more attempt and the lease end, with
 * what the send needs from the endpoint. $1 now, $2 the lease end, $3 the batch size.
 */
const CLAIM_SQL = `
  UPDATE webhook_deliveries d SET status = 'sending', attempts = d.attempts + 1, next_attempt_at = $2
    FROM webhook_endpoints e
   WHERE e.id = d.endpoint_id
     AND d.id IN (SELECT id FROM webhook_deliveries
                   WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1
                   ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING d.id, d.organization_id, d.endpoint_id, d.message_id, d.payload, d.attempts,
            e.url, e.active, e.secret, e.previous_secret, e.previous_secret_expires_at`;

/** Where the retry schedule gets its randomness and the sender its DNS answers; tests give fixed ones. */
export abstract class WebhookSenderEnvironment {
  abstract readonly jitter: Jitter;
  abstract readonly resolve?: Resolver;
}

/**
 * Sends due webhook deliveries from the worker (Standard Webhooks headers, signed with every current secret), after
 * checking at delivery time that the endpoint's host resolves to no internal address and connecting to the address
 * checked. Retries with exponential backoff and jitter; a 4xx other than 408 and 429 is final; a 410 disables the
 * endpoint. Failures are recorded as a code and status, never the URL, a secret or the response body.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);
  private readonly allowPrivate: boolean;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: AppConfig,
    private readonly environment: WebhookSenderEnvironment,
  ) {
    this.allowPrivate = config.webhooks.allowPrivate;
    this.timeoutMs = config.webhooks.timeoutMs;
    this.leaseMs = config.webhooks.timeoutMs + 60_000;
  }

  /** Sends everything due, batch by batch; resolves with the number of attempts made. */
  drain(): Promise<number> {
    return inBatches(BATCH, async () => {
      const rows = await claimLeased<ClaimedDelivery>(this.dataSource, CLAIM_SQL, this.clock.now(), this.leaseMs, BATCH);
      await Promise.all(rows.map((row) => this.attempt(row)));
      return rows.length;
    });
  }

  private async attempt(row: ClaimedDelivery): Promise<void> {
    const outcome = await this.send(row);
    const now = this.clock.now();
    const nextAttemptAt = outcome.status === 'pending' ? new Date(now.getTime() + (outcome.delayMs ?? 0)) : null;
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = $3, next_attempt_at = $4, response_status = $5, duration_ms = $6, last_error = $7,
              delivered_at = CASE WHEN $3 = 'delivered' THEN $8::timestamptz ELSE delivered_at END
        WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [row.id, row.attempts, outcome.status, nextAttemptAt, outcome.responseStatus, outcome.durationMs, outcome.lastError, now],
    );
    if (outcome.responseStatus === 410) {
      await this.dataSource.query(`UPDATE webhook_endpoints SET active = false, disabled_reason = 'gone', updated_at = $2 WHERE id = $1 AND active`, [
        row.endpoint_id,
        now,
      ]);
      this.logger.warn({ webhookEndpointId: row.endpoint_id, organizationId: row.organization_id }, 'Webhook endpoint answered 410 Gone; disabled');
    }
    if (outcome.status !== 'delivered') {
      const context = { webhookDeliveryId: row.id, webhookEndpointId: row.endpoint_id, attempts: row.attempts, reason: outcome.lastError, nextAttemptAt };
      if (outcome.status === 'failed') this.logger.warn(context, 'Webhook delivery failed; not retried');
      else this.logger.warn(context, 'Webhook delivery attempt failed; retrying later');
    }
  }

  private async send(row: ClaimedDelivery): Promise<Outcome> {
    if (!row.active) return { status: 'failed', responseStatus: null, durationMs: null, lastError: 'ENDPOINT_INACTIVE' };
    const url = new URL(row.url);
    const resolved = await resolveDeliveryAddress(url.hostname, this.allowPrivate, this.environment.resolve);
    if (!resolved.ok) {
      // A refused address is a setting to fix, not a passing failure; a name that did not resolve may later.
      if (resolved.reason === 'ADDRESS_REFUSED') return { status: 'failed', responseStatus: null, durationMs: null, lastError: resolved.reason };
      return this.retryOrGiveUp(row, { responseStatus: null, durationMs: null, lastError: resolved.reason });
    }
    const now = this.clock.now();
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = JSON.stringify(row.payload);
    const secrets = [row.secret, ...(row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > now ? [row.previous_secret] : [])];
    const started = performance.now();
    const response = await postWebhook({
      url,
      address: resolved.address,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Loopwright-Webhooks/1',
        'webhook-id': row.message_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, row.message_id, timestamp, body),
      },
      body,
      timeoutMs: this.timeoutMs,
    });
    const durationMs = Math.round(performance.now() - started);
    if (response.status === null) return this.retryOrGiveUp(row, { responseStatus: null, durationMs, lastError: response.error });
    if (response.status >= 200 && response.status < 300) return { status: 'delivered', responseStatus: response.status, durationMs, lastError: null };
    const failure = { responseStatus: response.status, durationMs, lastError: `http ${response.status}` };
    if (!isRetryableStatus(response.status)) return { status: 'failed', ...failure };
    return this.retryOrGiveUp(row, failure, retryAfterMs(response.retryAfter, this.clock.now()));
  }

  private retryOrGiveUp(row: ClaimedDelivery, failure: Omit<Outcome, 'status'>, retryAfter: number | null = null): Outcome {
    if (row.attempts >= WEBHOOK_MAX_ATTEMPTS) return { status: 'failed', ...failure };
    return { status: 'pending', ...failure, delayMs: webhookRetryDelayMs(row.attempts, this.environment.jitter, retryAfter) };
  }
}

/** Math.random jitter and the system resolver. */
export const SYSTEM_SENDER_ENVIRONMENT: WebhookSenderEnvironment = { jitter: Math.random };

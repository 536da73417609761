import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, forbidden, validationFailed } from '@loopwright/core';
import { AuditLog, hasRole, type Actor } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrganizationNotificationsDto, UpdateOrganizationNotificationsDto } from './slack-settings.dto.js';

/** A channel message to post. */
export interface OutgoingSlackMessage {
  organizationId: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

const ENQUEUE_SQL = `
  INSERT INTO slack_outbox (id, organization_id, idempotency_key, payload, next_attempt_at, created_at)
  SELECT m.id, m.organization_id, m.idempotency_key, m.payload, $2, $2
    FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, organization_id uuid, idempotency_key text, payload jsonb)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id`;

const SAVE_SQL = `
  INSERT INTO slack_settings (organization_id, webhook_url, updated_at) VALUES ($1, $2, $3)
  ON CONFLICT (organization_id) DO UPDATE SET webhook_url = EXCLUDED.webhook_url, updated_at = EXCLUDED.updated_at`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a webhook URL is refused, or null when it may be used. */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'must be an https:// URL (http:// only to 127.0.0.1 or localhost)';
}

/** What an admin sees of the URL: its origin and last four characters. */
export function maskWebhookUrl(value: string): string {
  const origin = new URL(value).origin;
  return `${origin}/…${value.slice(-4)}`;
}

/** The organization's Slack channel setting (admins), and the channel's outbox (the daily digest). */
@Injectable()
export class SlackChannel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async settings(actor: Actor): Promise<OrganizationNotificationsDto> {
    assertAdmin(actor);
    const [row] = await this.dataSource.query<{ webhook_url: string; updated_at: Date }[]>(
      'SELECT webhook_url, updated_at FROM slack_settings WHERE organization_id = $1',
      [actor.organizationId],
    );
    return toDto(row ?? null);
  }

  /** Sets or removes (null) the webhook URL, audited without the URL (a secret). */
  async update(actor: Actor, input: UpdateOrganizationNotificationsDto): Promise<OrganizationNotificationsDto> {
    assertAdmin(actor);
    const url = input.slackWebhookUrl === null ? null : input.slackWebhookUrl.trim();
    const problem = url === null ? null : webhookUrlProblem(url);
    if (problem) throw validationFailed([{ field: 'slackWebhookUrl', problems: [`slackWebhookUrl ${problem}`] }]);
    return this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query<{ webhook_url: string }[]>('SELECT webhook_url FROM slack_settings WHERE organization_id = $1 FOR UPDATE', [
        actor.organizationId,
      ]);
      const now = this.clock.now();
      if (url === null) await manager.query('DELETE FROM slack_settings WHERE organization_id = $1', [actor.organizationId]);
      else await manager.query(SAVE_SQL, [actor.organizationId, url, now]);
      if ((before?.webhook_url ?? null) !== url) {
        await this.audit.record(manager, actor, {
          action: 'organization.notifications_updated',
          entityType: 'organization',
          entityId: actor.organizationId,
          changes: { slackWebhookSecret: { before: before ? 'set' : null, after: url === null ? null : 'set' } },
        });
      }
      return toDto(url === null ? null : { webhook_url: url, updated_at: now });
    });
  }

  /** Of these organizations, the ones with a webhook: one statement. */
  async configuredAmong(manager: EntityManager, organizationIds: readonly string[]): Promise<Set<string>> {
    if (organizationIds.length === 0) return new Set();
    const rows = await manager.query<{ organization_id: string }[]>('SELECT organization_id FROM slack_settings WHERE organization_id = ANY($1::uuid[])', [
      [...organizationIds],
    ]);
    return new Set(rows.map((row) => row.organization_id));
  }

  /** Puts channel messages in the Slack outbox in the caller's transaction; a key already there is skipped. Resolves with how many were new. */
  async enqueue(manager: EntityManager, messages: readonly OutgoingSlackMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const rows = messages.map((message) => ({
      id: randomUUID(),
      organization_id: message.organizationId,
      idempotency_key: message.idempotencyKey,
      payload: message.payload,
    }));
    const inserted = await manager.query<{ id: string }[]>(ENQUEUE_SQL, [JSON.stringify(rows), this.clock.now()]);
    return inserted.length;
  }
}

function assertAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw forbidden('Only admins change the organization’s notification settings');
}

function toDto(row: { webhook_url: string; updated_at: Date } | null): OrganizationNotificationsDto {
  return { slackWebhookUrl: row ? maskWebhookUrl(row.webhook_url) : null, slackConfigured: row !== null, updatedAt: row?.updated_at ?? null };
}

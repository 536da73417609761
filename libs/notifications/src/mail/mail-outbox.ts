import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, decodeCursor, forbidden, notFound, toPage, type Page } from '@loopwright/core';
import { hasRole, type Actor } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListOutboxQueryDto } from './list-outbox-query.dto.js';
import type { MailStatus } from './mail-message.entity.js';
import { MailWake } from './mail-wake.js';

/** A message to send, as rendered by `MailTemplates` (`subject`, `text`, `html`) for one recipient. */
export interface OutgoingMail {
  organizationId: string;
  kind: string;
  recipient: { userId: string | null; address: string };
  subject: string;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; body: string };
  /** Unique per reason to send: a message enqueued twice under one key is sent once. */
  idempotencyKey: string;
}

/** A message as the outbox page lists it (never its bodies). */
export interface OutboxItem {
  id: string;
  kind: string;
  recipientAddress: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** One message with its text part (what a held message would have said). */
export interface OutboxMessage extends OutboxItem {
  textBody: string;
}

export type OutboxQuery = Pick<ListOutboxQueryDto, 'status' | 'limit' | 'cursor'>;

interface OutboxRow {
  id: string;
  kind: string;
  recipient_address: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const OUTBOX_COLUMNS = 'id, kind, recipient_address, subject, status, attempts, last_error, created_at, sent_at';

const toItem = (row: OutboxRow): OutboxItem => ({
  id: row.id,
  kind: row.kind,
  recipientAddress: row.recipient_address,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at,
  sentAt: row.sent_at,
});

/** One statement for any number of messages; a key already in the outbox is skipped. */
const ENQUEUE_SQL = `
  INSERT INTO mail_outbox (id, organization_id, kind, recipient_user_id, recipient_address, subject, text_body, html_body,
                           calendar_method, calendar_body, idempotency_key, next_attempt_at, created_at)
  SELECT m.id, m.organization_id, m.kind, m.recipient_user_id, m.recipient_address, m.subject, m.text_body, m.html_body,
         m.calendar_method, m.calendar_body, m.idempotency_key, $2, $2
    FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, organization_id uuid, kind text, recipient_user_id uuid, recipient_address text,
                                            subject text, text_body text, html_body text, calendar_method text, calendar_body text,
                                            idempotency_key text)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id`;

/** Puts mail in the outbox in the caller's transaction: it is sent (by the worker) if and only if the caller commits. */
@Injectable()
export class MailOutbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly wake: MailWake,
  ) {}

  /** Resolves with the ids of the messages that were new; no messages, no statement. */
  async enqueue(manager: EntityManager, messages: readonly OutgoingMail[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const rows = messages.map((message) => ({
      id: randomUUID(),
      organization_id: message.organizationId,
      kind: message.kind,
      recipient_user_id: message.recipient.userId,
      recipient_address: message.recipient.address,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      calendar_method: message.calendar?.method ?? null,
      calendar_body: message.calendar?.body ?? null,
      idempotency_key: message.idempotencyKey,
    }));
    const inserted = await manager.query<{ id: string }[]>(ENQUEUE_SQL, [JSON.stringify(rows), this.clock.now()]);
    if (inserted.length > 0) this.wake.markEnqueued(manager);
    return inserted.map((row) => row.id);
  }

  /** Which of these idempotency keys are in the outbox already (whatever their status): one statement. */
  async existingKeys(manager: EntityManager, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await manager.query<{ idempotency_key: string }[]>('SELECT idempotency_key FROM mail_outbox WHERE idempotency_key = ANY($1::text[])', [
      [...keys],
    ]);
    return new Set(rows.map((row) => row.idempotency_key));
  }

  /**
   * Erasure: deletes the organization's messages (sent or not) about these rounds (their idempotency key names the
   * round) or whose subject or parts contain one of `texts` (a name, an email, a phone; compared case-insensitively).
   * One statement; returns how many went.
   */
  async eraseMentioning(manager: EntityManager, organizationId: string, mention: { roundIds: readonly string[]; texts: readonly string[] }): Promise<number> {
    const texts = mention.texts.map((text) => text.trim().toLowerCase()).filter((text) => text.length >= 3);
    if (mention.roundIds.length === 0 && texts.length === 0) return 0;
    const [, affected] = await manager.query<[unknown, number]>(
      `DELETE FROM mail_outbox m
        WHERE m.organization_id = $1
          AND (EXISTS (SELECT 1 FROM unnest($2::text[]) AS r(id) WHERE strpos(m.idempotency_key, r.id) > 0)
               OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS t(text)
                           WHERE strpos(lower(m.subject || ' ' || m.text_body || ' ' || m.html_body || ' ' || coalesce(m.calendar_body, '')), t.text) > 0))`,
      [organizationId, [...mention.roundIds], texts],
    );
    return affected;
  }

  /** The organization's messages, newest first, optionally of one status (admins only): one statement a page. */
  async list(actor: Actor, query: OutboxQuery): Promise<Page<OutboxItem>> {
    assertAdmin(actor);
    const after = decodeCursor(query.cursor, { createdAt: 'timestamp', id: 'uuid' });
    const params: unknown[] = [actor.organizationId, query.status ?? null, query.limit + 1];
    const keyset = after ? `AND (created_at, id) < ($${params.push(after.createdAt)}::timestamptz, $${params.push(after.id)}::uuid)` : '';
    const rows = await this.dataSource.query<OutboxRow[]>(
      `SELECT ${OUTBOX_COLUMNS} FROM mail_outbox
        WHERE organization_id = $1 AND ($2::text IS NULL OR status = $2) ${keyset}
        ORDER BY created_at DESC, id DESC
        LIMIT $3`,
      params,
    );
    return toPage(rows, query.limit, toItem, (row) => ({ createdAt: row.created_at.toISOString(), id: row.id }));
  }

  /** One of the organization's messages with its text part (admins only); 404 when it is not the organization's. */
  async message(actor: Actor, id: string): Promise<OutboxMessage> {
    assertAdmin(actor);
    const [row] = await this.dataSource.query<(OutboxRow & { text_body: string })[]>(
      `SELECT ${OUTBOX_COLUMNS}, text_body FROM mail_outbox WHERE organization_id = $1 AND id = $2`,
      [actor.organizationId, id],
    );
    if (!row) throw notFound('Message');
    return { ...toItem(row), textBody: row.text_body };
  }
}

function assertAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw forbidden('Only admins read the outbox');
}

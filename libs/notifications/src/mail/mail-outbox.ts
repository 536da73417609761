import { Injectable } from '@nestjs/common';
import { Clock } from '@loopwright/core';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
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
}

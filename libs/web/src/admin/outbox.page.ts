import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { MAIL_STATUSES, MailOutbox, type ListOutboxQueryDto, type MailStatus, type OutboxItem } from '@loopwright/notifications';
import { shellFor } from '../shell/shell.js';
import { zonedTime } from '../time/zoned-time.js';
import type { OutboxMessageView, OutboxRowView, OutboxView } from './outbox.view.js';

export const OUTBOX_PATH = '/app/admin/outbox';
export const DEFAULT_LIMIT = 50;

const STATUS_LABELS: Record<MailStatus, string> = { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed', held: 'Held' };

function rowOf(item: OutboxItem, timeZone: string): OutboxRowView {
  return {
    href: `${OUTBOX_PATH}/${item.id}`,
    kind: item.kind,
    recipient: item.recipientAddress,
    subject: item.subject,
    status: item.status,
    statusLabel: STATUS_LABELS[item.status],
    attempts: item.attempts,
    lastError: item.lastError,
    created: zonedTime(item.createdAt, timeZone),
    sent: item.sentAt ? zonedTime(item.sentAt, timeZone) : null,
  };
}

/** The outbox pages, from `MailOutbox.list` and `.message` (admins, the organization's mail only). */
@Injectable()
export class OutboxPages {
  constructor(
    private readonly users: UsersService,
    private readonly outbox: MailOutbox,
  ) {}

  async list(actor: Actor, query: ListOutboxQueryDto): Promise<OutboxView> {
    const [me, page] = await Promise.all([this.users.me(actor), this.outbox.list(actor, query)]);
    const status = query.status ?? '';
    const filter: [string, string][] = [
      ...(status ? [['status', status] as [string, string]] : []),
      ...(query.limit === DEFAULT_LIMIT ? [] : [['limit', String(query.limit)] as [string, string]]),
    ];
    return {
      title: 'Outbox',
      shell: shellFor(actor, OUTBOX_PATH, me.name),
      timeZone: me.timezone,
      statuses: [{ value: '', label: 'Any status' }, ...MAIL_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))].map((option) => ({
        ...option,
        selected: option.value === status,
      })),
      filtered: status !== '',
      messages: page.items.map((item) => rowOf(item, me.timezone)),
      nextHref: page.nextCursor ? `${OUTBOX_PATH}?${new URLSearchParams([...filter, ['cursor', page.nextCursor]]).toString()}` : null,
    };
  }

  async message(actor: Actor, id: string): Promise<OutboxMessageView> {
    const [me, message] = await Promise.all([this.users.me(actor), this.outbox.message(actor, id)]);
    return {
      title: `Message: ${message.subject}`,
      shell: shellFor(actor, OUTBOX_PATH, me.name),
      timeZone: me.timezone,
      message: rowOf(message, me.timezone),
      textBody: message.status === 'held' ? message.textBody : null,
    };
  }
}

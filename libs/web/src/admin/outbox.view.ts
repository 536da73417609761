import type { PageView } from '../shell/shell.js';
import type { ZonedTime } from '../time/zoned-time.js';
import type { FilterOption } from './admin.view.js';

export interface OutboxRowView {
  href: string;
  kind: string;
  recipient: string;
  subject: string;
  status: string;
  statusLabel: string;
  attempts: number;
  lastError: string | null;
  created: ZonedTime;
  sent: ZonedTime | null;
}

/** `GET /app/admin/outbox`: the organization's mail, newest first, filtered by status. */
export interface OutboxView extends PageView {
  timeZone: string;
  statuses: FilterOption[];
  filtered: boolean;
  /** What a held message is, said once when there are any (no SMTP_URL: the demo). */
  messages: OutboxRowView[];
  nextHref: string | null;
}

/** `GET /app/admin/outbox/:id`: one message; its text part when it was held (what would have been sent). */
export interface OutboxMessageView extends PageView {
  timeZone: string;
  message: OutboxRowView;
  textBody: string | null;
}

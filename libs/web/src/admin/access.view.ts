import type { PageView } from '../shell/shell.js';
import type { ZonedTime } from '../time/zoned-time.js';
import type { FilterOption } from './admin.view.js';

export interface AccessRowView {
  at: ZonedTime;
  reader: string;
  kindLabel: string;
  /** What was read, as a link where there is a page for it. */
  subject: { text: string; href: string | null };
  candidate: { text: string; href: string | null } | null;
  format: string | null;
}

/** `GET /app/admin/access`: who read what, newest first, filtered by candidate, reader and kind. */
export interface AccessView extends PageView {
  timeZone: string;
  retentionDays: number;
  candidates: FilterOption[];
  readers: FilterOption[];
  kinds: FilterOption[];
  filtered: boolean;
  events: AccessRowView[];
  nextHref: string | null;
}

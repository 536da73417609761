/** The mail kinds of the reminder ladder: the interviewer's own reminder, and the daily digest to recruiters and hiring managers. */
export type ReminderMailKind = 'reminder' | 'reminder-digest';

/** Every kind a preference may name, with what it is and whether it can be turned off. */
export interface NotificationKind {
  kind: ReminderMailKind;
  optional: boolean;
  description: string;
}

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  {
    kind: 'reminder',
    optional: false,
    description: 'Reminders of your own scorecards that are due or overdue. They cannot be turned off.',
  },
  {
    kind: 'reminder-digest',
    optional: true,
    description: 'A daily digest (09:00 on business days, your time zone) of the overdue scorecards in the loops you recruit for or hire for.',
  },
];

export const NOTIFICATION_KIND_NAMES: readonly string[] = NOTIFICATION_KINDS.map((kind) => kind.kind);

/**
 * Kinds a user may turn off. The reminders of one's own overdue scorecards are not among them, and never may be: the
 * ladder exists so that nothing falls through.
 */
export const OPTIONAL_REMINDER_KINDS: readonly ReminderMailKind[] = NOTIFICATION_KINDS.filter((kind) => kind.optional).map((kind) => kind.kind);

/** Whether a user with these turned-off kinds gets mail of this kind: a kind that is not optional always goes out. */
export function wantsReminderMail(kind: ReminderMailKind, disabledKinds: ReadonlySet<string> | readonly string[] = []): boolean {
  if (!OPTIONAL_REMINDER_KINDS.includes(kind)) return true;
  const disabled = disabledKinds instanceof Set ? disabledKinds : new Set(disabledKinds as readonly string[]);
  return !disabled.has(kind);
}

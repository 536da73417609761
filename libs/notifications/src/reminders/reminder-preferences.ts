/** The mail kinds of the reminder ladder: the interviewer's own reminder, and the digest to recruiters and the hiring manager. */
export type ReminderMailKind = 'reminder' | 'reminder-digest';

/**
 * Kinds a user may turn off. The reminders of one's own overdue scorecards are not among them, and never may be: the
 * ladder exists so that nothing falls through.
 */
export const OPTIONAL_REMINDER_KINDS: readonly ReminderMailKind[] = ['reminder-digest'];

/**
 * Whether this user gets mail of this kind. There are no preferences yet, so everybody gets every kind; once there
 * are, they are asked here, and only for the optional kinds.
 */
export function wantsReminderMail(kind: ReminderMailKind, _userId: string): boolean {
  if (!OPTIONAL_REMINDER_KINDS.includes(kind)) return true;
  return true;
}

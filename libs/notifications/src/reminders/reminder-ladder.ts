import { wallClock, zonedInstant } from './zoned-time.js';

/**
 * Who a step of the ladder goes to: the interviewer always (a mail of its own); the loop's recruiters from the due
 * time and its hiring manager from 24 h after, as a line of their once-a-day digest while the step is the current one.
 */
export type ReminderAudience = 'interviewer' | 'recruiters' | 'hiring-manager';

export interface LadderStep {
  /** `after-round`, `before-due`, `at-due`, `escalate`, `daily-1` … `daily-10`: the last part of the idempotency key. */
  name: string;
  at: Date;
  audience: readonly ReminderAudience[];
}

/** A seat's facts the ladder depends on. */
export interface LadderSeat {
  roundEndsAt: Date;
  /** `dueTimes`: counted from the later of the round's end and its recording, so a round recorded late is due later. */
  writeupDueAt: Date;
  /** The interviewer's IANA time zone: business days and the daily hour are theirs. */
  timeZone: string;
}

const HOUR = 3_600_000;
export const DAILY_REMINDERS = 10;
/** Daily reminders go out at this local hour of the interviewer, never at night. */
export const DAILY_HOUR = 9;

/**
 * The whole ladder of one seat, in time order: round end + 1 h, due − 4 h, due (recruiters too), due + 24 h (the hiring
 * manager too), then 09:00 on each of the next 10 business days (Mon–Fri in the interviewer's zone) after the
 * escalation, still with the recruiters and the hiring manager. A step before the round's end (a due time under 4 h after it) is left out.
 */
export function reminderLadder(seat: LadderSeat): LadderStep[] {
  const due = seat.writeupDueAt.getTime();
  const escalateAt = new Date(due + 24 * HOUR);
  const steps: LadderStep[] = [
    { name: 'after-round', at: new Date(seat.roundEndsAt.getTime() + HOUR), audience: ['interviewer'] },
    { name: 'before-due', at: new Date(due - 4 * HOUR), audience: ['interviewer'] },
    { name: 'at-due', at: seat.writeupDueAt, audience: ['interviewer', 'recruiters'] },
    { name: 'escalate', at: escalateAt, audience: ['interviewer', 'recruiters', 'hiring-manager'] },
    ...businessMornings(escalateAt, seat.timeZone, DAILY_REMINDERS).map((at, index) => ({
      name: `daily-${index + 1}`,
      at,
      audience: ['interviewer', 'recruiters', 'hiring-manager'] as const,
    })),
  ];
  return steps.filter((step) => step.at.getTime() >= seat.roundEndsAt.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The last step of a ladder is not sent once it is this old: nobody is mailed of a scorecard weeks past its ladder. */
const LAST_STEP_LIFETIME = 24 * HOUR;

/**
 * What is due at `now`: only the latest step whose time has come (steps missed while nobody scanned, or before the
 * round was recorded, are not sent in a burst), and when the step after it comes (null: the ladder is over).
 */
export function dueReminder(seat: LadderSeat, now: Date): { step: LadderStep | null; nextAt: Date | null } {
  const steps = reminderLadder(seat);
  const upcoming = steps.findIndex((step) => step.at.getTime() > now.getTime());
  const passed = upcoming === -1 ? steps.length : upcoming;
  const step = steps[passed - 1] ?? null;
  const nextAt = steps[passed]?.at ?? null;
  if (step && nextAt === null && now.getTime() - step.at.getTime() > LAST_STEP_LIFETIME) return { step: null, nextAt: null };
  return { step, nextAt };
}

/** 09:00 on the first `count` business days (Mon–Fri in `timeZone`) strictly after `after`. */
function businessMornings(after: Date, timeZone: string, count: number): Date[] {
  const mornings: Date[] = [];
  const start = wallClock(after, timeZone);
  // Walk local calendar days from the day of `after` (UTC noon of a local date never crosses a date line).
  for (let offset = 0; mornings.length < count; offset++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + offset, 12));
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const at = morningOf(day, timeZone);
    if (at.getTime() > after.getTime()) mornings.push(at);
  }
  return mornings;
}

/** Seats share zones and days: 09:00 of a local date in a zone, remembered (a bounded cache; a scan has thousands). */
const mornings = new Map<string, Date>();

function morningOf(day: Date, timeZone: string): Date {
  const key = `${timeZone}|${day.getUTCFullYear()}-${day.getUTCMonth() + 1}-${day.getUTCDate()}`;
  let morning = mornings.get(key);
  if (!morning) {
    if (mornings.size >= 10_000) mornings.clear();
    morning = zonedInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: DAILY_HOUR, minute: 0 }, timeZone);
    mornings.set(key, morning);
  }
  return morning;
}

/**
 * Who, besides the interviewer, hears of this seat in today's digests: the audience of its current step (the
 * recruiters once the write-up is due, the hiring manager too from 24 h after). Nothing before the due time, and
 * nothing once the ladder is over.
 */
export function digestAudience(seat: LadderSeat, now: Date): ReminderAudience[] {
  const { step } = dueReminder(seat, now);
  return step ? step.audience.filter((audience) => audience !== 'interviewer') : [];
}

/** The digests go out at this local hour of their reader, on business days. */
export const DIGEST_HOUR = DAILY_HOUR;

/**
 * The local date (`YYYY-MM-DD`) of the digest a reader in `timeZone` is due at `now`: today, on a business day from
 * DIGEST_HOUR on; null on a weekend or before the hour. The date is the digest's idempotency key: one a day.
 */
export function digestDate(now: Date, timeZone: string): string | null {
  const local = wallClock(now, timeZone);
  if (local.weekday === 0 || local.weekday === 6 || local.hour < DIGEST_HOUR) return null;
  return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

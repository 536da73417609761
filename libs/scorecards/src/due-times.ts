/** How long after the moment timeliness counts from (`timelinessFrom`) a round's rating, then its write-up, are due (an organization's setting). */
export interface DueHours {
  rating: number;
  writeup: number;
}

export interface DueTimes {
  ratingDueAt: Date | null;
  writeupDueAt: Date | null;
}

/** What a round's due times depend on: its end, and when it got that time (null for rounds timed before it was kept). */
export interface RoundTiming {
  endsAt: Date | string | null;
  scheduledAt: Date | string | null;
}

/** `RoundTiming` in SQL: two timestamptz expressions written by the code. */
export interface RoundTimingSql {
  endsAt: string;
  scheduledAt: string;
}

const HOUR = 3_600_000;

/**
 * THE moment timeliness counts from: the later of the round's end and when the round got that time, so that a round
 * recorded after the fact is not late from the start. Null while the round has no end; an unknown scheduling time
 * (rounds timed before it was kept) counts from the end.
 */
export function timelinessFrom(endsAt: Date | string | null, scheduledAt: Date | string | null): Date | null {
  if (endsAt === null) return null;
  const end = new Date(endsAt).getTime();
  return new Date(scheduledAt === null ? end : Math.max(end, new Date(scheduledAt).getTime()));
}

/** `timelinessFrom` in SQL over two timestamptz expressions written by the code (GREATEST skips a null, not the end's). */
export const timelinessFromSql = (endsAt: string, scheduledAt: string): string =>
  `(CASE WHEN ${endsAt} IS NULL THEN NULL ELSE GREATEST(${endsAt}, ${scheduledAt}) END)`;

/** THE due times of a seat's scorecard: hours after `timelinessFrom` of its round; none while the round has no end. */
export function dueTimes(round: RoundTiming, hours: DueHours): DueTimes {
  const from = timelinessFrom(round.endsAt, round.scheduledAt);
  if (from === null) return { ratingDueAt: null, writeupDueAt: null };
  return { ratingDueAt: new Date(from.getTime() + hours.rating * HOUR), writeupDueAt: new Date(from.getTime() + hours.writeup * HOUR) };
}

/**
 * `hours` (an int expression) after `from`, a `timelinessFromSql` expression (null gives null). For a round's own
 * columns use `roundDueAtSql`, which cannot count from the bare end.
 */
export const dueAtSql = (from: string, hours: string): string => `(${from}::timestamptz + make_interval(hours => ${hours}))`;

/**
 * `dueTimes` in SQL, for the writes that recompute them in the statement itself: a round's end and scheduling time
 * (timestamptz expressions) and `hours` (an int expression), all written by the code. A test keeps it and `dueTimes` agreeing.
 */
export const roundDueAtSql = (round: RoundTimingSql, hours: string): string => dueAtSql(timelinessFromSql(round.endsAt, round.scheduledAt), hours);

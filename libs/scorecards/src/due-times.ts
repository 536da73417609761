/** How long after a round's end its rating, then its write-up, are due (an organization's setting). */
export interface DueHours {
  rating: number;
  writeup: number;
}

export interface DueTimes {
  ratingDueAt: Date | null;
  writeupDueAt: Date | null;
}

const HOUR = 3_600_000;

/** THE due times of a seat's scorecard: hours after the round's end; none while the round has no end. */
export function dueTimes(endsAt: Date | string | null, hours: DueHours): DueTimes {
  if (endsAt === null) return { ratingDueAt: null, writeupDueAt: null };
  const end = new Date(endsAt).getTime();
  return { ratingDueAt: new Date(end + hours.rating * HOUR), writeupDueAt: new Date(end + hours.writeup * HOUR) };
}

/**
 * `dueTimes` in SQL, for the writes that recompute them in the statement itself: `endsAt` a timestamptz expression
 * (null gives null), `hours` an int expression, both written by the code. A test keeps it and `dueTimes` agreeing.
 */
export const dueAtSql = (endsAt: string, hours: string): string => `(${endsAt}::timestamptz + make_interval(hours => ${hours}))`;

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

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

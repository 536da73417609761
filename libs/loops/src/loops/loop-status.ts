import type { LoopStatus } from './loop.entity.js';

export interface RoundTimes {
  interviewerId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface PillarRef {
  id: string;
  key: string;
}

/** `scheduled` when the loop has rounds and every one has an interviewer and times, else `draft`. */
export function plannedStatus(rounds: RoundTimes[]): 'draft' | 'scheduled' {
  return rounds.length > 0 && rounds.every((round) => round.interviewerId !== null && round.startsAt !== null && round.endsAt !== null)
    ? 'scheduled'
    : 'draft';
}

/**
 * THE status a reader sees: a scheduled loop one of whose rounds has ended (`endsAt <= now`) is `in_review`; any
 * other stored status reads as stored. `effectiveStatusSql` is the same rule for SQL (a test keeps them agreeing).
 */
export function effectiveStatus(stored: LoopStatus, rounds: Pick<RoundTimes, 'endsAt'>[], now: Date): LoopStatus {
  if (stored !== 'scheduled') return stored;
  return rounds.some((round) => round.endsAt !== null && round.endsAt.getTime() <= now.getTime()) ? 'in_review' : 'scheduled';
}

/**
 * `effectiveStatus` as a SQL expression over the loop row aliased `loopAlias`, with `now` a bound parameter
 * (e.g. `$3::timestamptz`) holding the injected clock's time, never SQL `now()`. Both are plain identifiers or
 * placeholders written by the code, never input.
 */
export function effectiveStatusSql(loopAlias: string, now: string): string {
  // OFFSET 0 keeps the planner from hashing every ended round of the table (PostgreSQL drops a LIMIT in EXISTS) to
  // answer a page of a few loops: each loop probes its own rounds.
  return `(CASE WHEN ${loopAlias}.status = 'scheduled' AND EXISTS (SELECT 1 FROM loop_rounds er WHERE er.loop_id = ${loopAlias}.id AND er.ends_at <= ${now} OFFSET 0) THEN 'in_review' ELSE ${loopAlias}.status END)`;
}

/** Decided and cancelled loops no longer change. */
export const CLOSED_LOOP_STATUSES: readonly LoopStatus[] = ['decided', 'cancelled'];

export const isClosed = (status: LoopStatus | string): boolean => (CLOSED_LOOP_STATUSES as readonly string[]).includes(status);

/** `isClosed` in SQL over a status column written by the code (`l.status`). */
export const isClosedSql = (status: string): string => `${status} IN (${CLOSED_LOOP_STATUSES.map((value) => `'${value}'`).join(', ')})`;

/**
 * Rounds per pillar key (every pillar of the organization, in its order, 0 when uncovered) and the keys of the
 * expected pillars (the template's, or all of the organization's when null) that no round covers.
 */
export function coverageOf(
  rounds: { pillarIds: string[] }[],
  pillars: PillarRef[],
  expectedPillarIds: string[] | null,
): { coverage: Record<string, number>; missingPillars: string[] } {
  const keyOf = new Map(pillars.map((pillar) => [pillar.id, pillar.key]));
  const coverage: Record<string, number> = Object.fromEntries(pillars.map((pillar) => [pillar.key, 0]));
  for (const round of rounds) {
    for (const pillarId of new Set(round.pillarIds)) {
      const key = keyOf.get(pillarId);
      if (key !== undefined) coverage[key] = (coverage[key] ?? 0) + 1;
    }
  }
  const expected = new Set(expectedPillarIds ?? pillars.map((pillar) => pillar.id));
  const missingPillars = pillars.filter((pillar) => expected.has(pillar.id) && coverage[pillar.key] === 0).map((pillar) => pillar.key);
  return { coverage, missingPillars };
}

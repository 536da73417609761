import type { LoopStatus } from '@loopwright/loops';

/** A loop's status as the pages say it. */
export const LOOP_STATUS_LABELS: Record<LoopStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  in_review: 'In review',
  decided: 'Decided',
  cancelled: 'Cancelled',
};

export const loopPath = (loopId: string): string => `/app/loops/${loopId}`;

export const roundAnchor = (roundId: string): string => `round-${roundId}`;

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** "Ada Lovelace says they did not attend (as a shadow)", for each seat of a round whose person said so. */
export const notAttendedLines = (round: { notAttended: { name: string; shadow: boolean }[] }): string[] =>
  round.notAttended.map((seat) => `${seat.name || 'The interviewer'} says they did not attend${seat.shadow ? ' (as a shadow)' : ''}.`);

/** How long ago, in words: "less than a minute", "5 minutes", "2 hours", "3 days". */
export function durationWords(milliseconds: number): string {
  const minutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

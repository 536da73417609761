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

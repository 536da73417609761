import type { LoopListItemDto, LoopStatus } from '@loopwright/loops';
import { zonedTime, type ZonedTime } from '../time/zoned-time.js';

const STATUS_LABELS: Record<LoopStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  in_review: 'In review',
  decided: 'Decided',
  cancelled: 'Cancelled',
};

/** A loop as a line of a candidate's or a position's page: a link to its plan, its status in words. */
export interface LoopLinkView {
  href: string;
  candidateName: string;
  positionTitle: string;
  status: LoopStatus;
  statusLabel: string;
  /** `1 round`, `3 rounds`. */
  roundsText: string;
  started: ZonedTime;
}

export const loopStatusLabel = (status: LoopStatus): string => STATUS_LABELS[status];

export function loopLink(loop: LoopListItemDto, timeZone: string): LoopLinkView {
  return {
    href: `/app/loops/${loop.id}`,
    candidateName: loop.candidate.name,
    positionTitle: loop.position.title,
    status: loop.status,
    statusLabel: loopStatusLabel(loop.status),
    roundsText: `${loop.roundCount} round${loop.roundCount === 1 ? '' : 's'}`,
    started: zonedTime(loop.createdAt, timeZone),
  };
}

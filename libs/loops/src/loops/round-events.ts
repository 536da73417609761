import type { NewDomainEvent } from '@loopwright/events';
import type { FieldChanges } from '@loopwright/identity';

const wasSet = (value: unknown): boolean => value !== null && value !== undefined;

/**
 * The domain events of a change to a round, read from its audited changes (the same before/after the audit log
 * keeps): its time set, moved or cleared; its interviewer and shadows who left and who joined (leavers first).
 */
export function roundChangeEvents(loopId: string, roundId: string, changes: FieldChanges): NewDomainEvent[] {
  const events: NewDomainEvent[] = [];
  const time = changes.startsAt ?? changes.endsAt;
  if (time) {
    const had = wasSet(time.before);
    const has = wasSet(time.after);
    const type = had && has ? 'round.rescheduled' : has ? 'round.scheduled' : 'round.cancelled';
    events.push({ type, payload: { loopId, roundId } });
  }
  const interviewer = changes.interviewerId;
  const shadows = changes.shadowInterviewerIds;
  const shadowsBefore = (shadows?.before ?? []) as string[];
  const shadowsAfter = (shadows?.after ?? []) as string[];
  const seat = (
    type: 'interviewer.assigned' | 'interviewer.unassigned',
    userId: string,
    kind: 'interviewer' | 'shadow',
  ): NewDomainEvent => ({
    type,
    payload: { loopId, roundId, userId, seat: kind },
  });
  if (interviewer && wasSet(interviewer.before)) events.push(seat('interviewer.unassigned', interviewer.before as string, 'interviewer'));
  for (const userId of shadowsBefore.filter((id) => !shadowsAfter.includes(id)))
    events.push(seat('interviewer.unassigned', userId, 'shadow'));
  if (interviewer && wasSet(interviewer.after)) events.push(seat('interviewer.assigned', interviewer.after as string, 'interviewer'));
  for (const userId of shadowsAfter.filter((id) => !shadowsBefore.includes(id)))
    events.push(seat('interviewer.assigned', userId, 'shadow'));
  return events;
}

/** A round that ends (removed, or its loop cancelled): cancelled if it had a time, and everyone on it unassigned. */
export function roundEndedEvents(
  loopId: string,
  round: { id: string; startsAt: Date | null; interviewerId: string | null },
  shadowIds: readonly string[],
): NewDomainEvent[] {
  return roundChangeEvents(loopId, round.id, {
    ...(round.startsAt ? { startsAt: { before: round.startsAt, after: null } } : {}),
    ...(round.interviewerId ? { interviewerId: { before: round.interviewerId, after: null } } : {}),
    ...(shadowIds.length > 0 ? { shadowInterviewerIds: { before: [...shadowIds], after: [] } } : {}),
  });
}

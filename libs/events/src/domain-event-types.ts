/**
 * The domain events of the product and the shape of each payload. Payloads carry ids (and the names of what
 * changed), never personal data, ratings or notes: a subscriber that needs more asks the owning service.
 */
export interface DomainEventPayloads {
  /** A round got its time (added with one, or its first time set). */
  'round.scheduled': { loopId: string; roundId: string };
  /** A scheduled round's time changed. */
  'round.rescheduled': { loopId: string; roundId: string };
  /** A round that had a time will not take place: removed, its time cleared, or its loop cancelled. */
  'round.cancelled': { loopId: string; roundId: string };
  /** Someone took a seat on a round: its interviewer or a shadow. */
  'interviewer.assigned': { loopId: string; roundId: string; userId: string; seat: InterviewSeat };
  /** Someone left a seat on a round (replaced, removed, the round removed or its loop cancelled). */
  'interviewer.unassigned': { loopId: string; roundId: string; userId: string; seat: InterviewSeat };
  'scorecard.submitted': { loopId: string; roundId: string; scorecardId: string; authorId: string; seat: InterviewSeat };
  'scorecard.amended': { loopId: string; roundId: string; scorecardId: string; amendmentId: string };
  'loop.decided': { loopId: string; candidateId: string; positionId: string };
  'export.completed': { exportId: string; requestedById: string };
  /** `fields` names what changed, never the values. */
  'candidate.updated': { candidateId: string; fields: readonly CandidateField[] };
  /** The candidate was erased by anonymization (an erasure request or the retention policy): their row stays, renamed. */
  'candidate.anonymized': { candidateId: string; erasureId: string };
  /** The candidate and everything only theirs were deleted (an erasure request in `delete` mode). */
  'candidate.deleted': { candidateId: string; erasureId: string };
}

export type InterviewSeat = 'interviewer' | 'shadow';
export type CandidateField = 'name' | 'email' | 'phone' | 'source' | 'notes';

export type DomainEventType = keyof DomainEventPayloads;

export const DOMAIN_EVENT_TYPES = [
  'round.scheduled',
  'round.rescheduled',
  'round.cancelled',
  'interviewer.assigned',
  'interviewer.unassigned',
  'scorecard.submitted',
  'scorecard.amended',
  'loop.decided',
  'export.completed',
  'candidate.updated',
  'candidate.anonymized',
  'candidate.deleted',
] as const satisfies readonly DomainEventType[];

export type AggregateType = 'loop_round' | 'scorecard' | 'loop' | 'packet_export' | 'candidate';

/** What the caller hands to `DomainEvents.record`: the type and its payload. */
export type NewDomainEvent = { [T in DomainEventType]: { type: T; payload: DomainEventPayloads[T] } }[DomainEventType];

/** An event as recorded and handed to subscribers. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: {
    id: string;
    /** Recording order; within one aggregate also the order in which the changes committed. */
    sequence: string;
    organizationId: string;
    type: K;
    /** From the Clock of the process that made the change. */
    occurredAt: Date;
    /** The user who made the change; null when the system did. */
    actorId: string | null;
    aggregate: { type: AggregateType; id: string };
    payload: DomainEventPayloads[K];
  };
}[T];

/**
 * Each type's aggregate: events of one aggregate reach every subscriber in the order they were recorded, those of
 * different aggregates independently. A round's events (its times and its seats) are the round's.
 */
const AGGREGATE_OF: { [T in DomainEventType]: (payload: DomainEventPayloads[T]) => { type: AggregateType; id: string } } = {
  'round.scheduled': (payload) => ({ type: 'loop_round', id: payload.roundId }),
  'round.rescheduled': (payload) => ({ type: 'loop_round', id: payload.roundId }),
  'round.cancelled': (payload) => ({ type: 'loop_round', id: payload.roundId }),
  'interviewer.assigned': (payload) => ({ type: 'loop_round', id: payload.roundId }),
  'interviewer.unassigned': (payload) => ({ type: 'loop_round', id: payload.roundId }),
  'scorecard.submitted': (payload) => ({ type: 'scorecard', id: payload.scorecardId }),
  'scorecard.amended': (payload) => ({ type: 'scorecard', id: payload.scorecardId }),
  'loop.decided': (payload) => ({ type: 'loop', id: payload.loopId }),
  'export.completed': (payload) => ({ type: 'packet_export', id: payload.exportId }),
  'candidate.updated': (payload) => ({ type: 'candidate', id: payload.candidateId }),
  'candidate.anonymized': (payload) => ({ type: 'candidate', id: payload.candidateId }),
  'candidate.deleted': (payload) => ({ type: 'candidate', id: payload.candidateId }),
};

export function aggregateOf(event: NewDomainEvent): { type: AggregateType; id: string } {
  return (AGGREGATE_OF[event.type] as (payload: NewDomainEvent['payload']) => { type: AggregateType; id: string })(event.payload);
}

export const isDomainEventType = (value: string): value is DomainEventType => (DOMAIN_EVENT_TYPES as readonly string[]).includes(value);

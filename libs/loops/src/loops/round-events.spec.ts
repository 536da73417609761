import { roundChangeEvents, roundEndedEvents } from './round-events.js';

const loopId = 'loop-1';
const roundId = 'round-1';
const at = (iso: string) => new Date(iso);

describe('roundChangeEvents', () => {
  it('says scheduled when a round gets its first time, rescheduled when it moves, cancelled when cleared', () => {
    const scheduled = roundChangeEvents(loopId, roundId, {
      startsAt: { before: null, after: at('2026-03-01T09:00Z') },
      endsAt: { before: null, after: at('2026-03-01T10:00Z') },
    });
    expect(scheduled).toEqual([{ type: 'round.scheduled', payload: { loopId, roundId } }]);
    const moved = roundChangeEvents(loopId, roundId, { endsAt: { before: at('2026-03-01T10:00Z'), after: at('2026-03-01T10:30Z') } });
    expect(moved.map((event) => event.type)).toEqual(['round.rescheduled']);
    const cleared = roundChangeEvents(loopId, roundId, {
      startsAt: { before: at('2026-03-01T09:00Z'), after: null },
      endsAt: { before: at('2026-03-01T10:00Z'), after: null },
    });
    expect(cleared.map((event) => event.type)).toEqual(['round.cancelled']);
  });

  it('unassigns who left before assigning who joined, interviewer and shadows by seat', () => {
    const events = roundChangeEvents(loopId, roundId, {
      interviewerId: { before: 'ann', after: 'bob' },
      shadowInterviewerIds: { before: ['cat', 'dan'], after: ['dan', 'eve'] },
    });
    expect(events).toEqual([
      { type: 'interviewer.unassigned', payload: { loopId, roundId, userId: 'ann', seat: 'interviewer' } },
      { type: 'interviewer.unassigned', payload: { loopId, roundId, userId: 'cat', seat: 'shadow' } },
      { type: 'interviewer.assigned', payload: { loopId, roundId, userId: 'bob', seat: 'interviewer' } },
      { type: 'interviewer.assigned', payload: { loopId, roundId, userId: 'eve', seat: 'shadow' } },
    ]);
  });

  it('has nothing to say about changes of title, pillars or questions', () => {
    expect(roundChangeEvents(loopId, roundId, { title: { before: 'A', after: 'B' }, questionIds: { before: [], after: ['q'] } })).toEqual(
      [],
    );
  });
});

describe('roundEndedEvents', () => {
  it('cancels a round that had a time and unassigns everyone on it', () => {
    const events = roundEndedEvents(loopId, { id: roundId, startsAt: at('2026-03-01T09:00Z'), interviewerId: 'ann' }, ['cat']);
    expect(events.map((event) => [event.type, 'userId' in event.payload ? event.payload.userId : null])).toEqual([
      ['round.cancelled', null],
      ['interviewer.unassigned', 'ann'],
      ['interviewer.unassigned', 'cat'],
    ]);
  });

  it('says nothing for a round without a time or people', () => {
    expect(roundEndedEvents(loopId, { id: roundId, startsAt: null, interviewerId: null }, [])).toEqual([]);
  });
});

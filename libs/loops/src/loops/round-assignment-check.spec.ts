import { AppError } from '@loopwright/core';
import type { AssignmentFacts } from './assignment-rules.js';
import { assignmentAfter, checkAssignment, raceLostRefusal, usersToCheck, type AssignedRound } from './round-assignment-check.js';

const at = (iso: string): Date => new Date(iso);
const scheduled: AssignedRound = {
  pillarIds: ['p1'],
  startsAt: at('2030-03-04T10:00:00Z'),
  endsAt: at('2030-03-04T11:00:00Z'),
  durationMinutes: 60,
  interviewerId: 'ines',
};
const unassigned: AssignedRound = { pillarIds: ['p1'], startsAt: null, endsAt: null, durationMinutes: 45, interviewerId: null };

const ready = (userId: string, levels: Record<string, string> = { p1: 'qualified', p2: 'qualified' }): AssignmentFacts => ({
  userId,
  name: userId,
  email: `${userId}@example.test`,
  active: true,
  roles: ['interviewer'],
  levels,
  weeklyLimit: null,
  conflict: false,
  inLoop: false,
  interviewsInLoop: false,
  overlapping: false,
  weekLoad: 0,
});
const factsOf = (...facts: AssignmentFacts[]): Map<string, AssignmentFacts> => new Map(facts.map((fact) => [fact.userId, fact]));

/** The AppError `run` throws, or a failure when it throws none. */
function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('assignmentAfter', () => {
  it('keeps what the change does not name, and checks nobody again for a change of title or plan alone', () => {
    const assignment = assignmentAfter(scheduled, {}, ['sam', 'tom']);
    expect(assignment).toEqual({
      pillarIds: ['p1'],
      pillarsChanged: false,
      startsAt: scheduled.startsAt,
      endsAt: scheduled.endsAt,
      interviewerId: 'ines',
      shadowIds: ['sam', 'tom'],
      interviewerToCheck: null,
      shadowsToCheck: [],
    });
    expect(usersToCheck(assignment)).toEqual([]);
  });

  it('checks a new interviewer, and the current one again when the times or the pillars change', () => {
    expect(assignmentAfter(unassigned, { interviewerId: 'ines' }, []).interviewerToCheck).toBe('ines');
    expect(assignmentAfter(scheduled, { startsAt: '2030-03-05T10:00:00Z' }, []).interviewerToCheck).toBe('ines');
    expect(assignmentAfter(scheduled, { pillarIds: ['p2'] }, []).interviewerToCheck).toBe('ines');
    // The same pillars in another order are no change.
    expect(assignmentAfter({ ...scheduled, pillarIds: ['p1', 'p2'] }, { pillarIds: ['p2', 'p1'] }, []).interviewerToCheck).toBeNull();
    // Nobody to check when the interviewer is removed.
    expect(assignmentAfter(scheduled, { interviewerId: null, startsAt: null }, [])).toMatchObject({ interviewerId: null, interviewerToCheck: null });
  });

  it('resolves the times as `resolveTimes` does, with its 400 for a bad slot', () => {
    expect(assignmentAfter(unassigned, { startsAt: '2030-03-04T09:00:00Z' }, [])).toMatchObject({
      startsAt: at('2030-03-04T09:00:00Z'),
      endsAt: at('2030-03-04T09:45:00Z'),
    });
    const error = refusal(() => assignmentAfter(scheduled, { endsAt: '2030-03-04T09:00:00Z' }, []));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ fields: [{ field: 'endsAt', problems: ['endsAt must be after startsAt'] }] });
  });

  it('sorts the new shadows and checks them when the list or the pillars change', () => {
    expect(assignmentAfter(scheduled, { shadowInterviewerIds: ['tom', 'sam'] }, ['sam'])).toMatchObject({
      shadowIds: ['sam', 'tom'],
      shadowsToCheck: ['sam', 'tom'],
      interviewerToCheck: null,
    });
    const pillarChange = assignmentAfter(scheduled, { pillarIds: ['p2'] }, ['sam']);
    expect(usersToCheck(pillarChange)).toEqual(['ines', 'sam']);
    expect(assignmentAfter(scheduled, { shadowInterviewerIds: [] }, ['sam'])).toMatchObject({ shadowIds: [], shadowsToCheck: [] });
  });

  it('refuses an interviewer who would also shadow the round (400 naming shadowInterviewerIds)', () => {
    const asShadow = refusal(() => assignmentAfter(scheduled, { shadowInterviewerIds: ['ines'] }, []));
    expect(asShadow.details).toEqual({ fields: [{ field: 'shadowInterviewerIds', problems: ['the interviewer of a round cannot also shadow it'] }] });
    const shadowPromoted = refusal(() => assignmentAfter(scheduled, { interviewerId: 'sam' }, ['sam']));
    expect(shadowPromoted.code).toBe('VALIDATION_FAILED');
  });
});

describe('checkAssignment', () => {
  const change = assignmentAfter(unassigned, { interviewerId: 'ines', shadowInterviewerIds: ['sam'] }, []);

  it('passes people who keep every rule', () => {
    expect(() => checkAssignment(change, factsOf(ready('ines'), ready('sam', { p1: 'shadow' })))).not.toThrow();
  });

  it('refuses someone who is not a user of the organization with 400, the interviewer first', () => {
    expect(refusal(() => checkAssignment(change, factsOf(ready('sam')))).details).toEqual({
      fields: [{ field: 'interviewerId', problems: ['interviewerId is not a user of this organization'] }],
    });
    expect(refusal(() => checkAssignment(change, factsOf(ready('ines')))).details).toEqual({
      fields: [{ field: 'shadowInterviewerIds', problems: ['every shadow must be a user of this organization'] }],
    });
  });

  it('answers the first broken rule with 409, every broken one in `problems`, and the clashing round', () => {
    const overlappingRound = { loopId: 'l2', roundId: 'r9', title: 'System design', startsAt: '2030-03-04T10:00:00.000Z', endsAt: '2030-03-04T11:00:00.000Z' };
    const booked = { ...ready('ines'), overlapping: true, overlappingRound, weeklyLimit: 1, weekLoad: 1 };
    const slotted = assignmentAfter(scheduled, { pillarIds: ['p2'] }, []);
    const error = refusal(() => checkAssignment(slotted, factsOf(booked)));
    expect(error.code).toBe('INTERVIEWER_DOUBLE_BOOKED');
    expect(error.status).toBe(409);
    expect(error.details).toEqual({
      interviewerId: 'ines',
      problems: ['INTERVIEWER_DOUBLE_BOOKED', 'INTERVIEWER_OVER_LIMIT'],
      ...overlappingRound,
    });
    // Without a time slot, the calendar rules wait.
    expect(() => checkAssignment(change, factsOf(booked, ready('sam')))).not.toThrow();
  });

  it('holds shadows to the shadow rules, and names the shadow refused', () => {
    const inLoopRound = { roundId: 'r2', title: 'Coding', as: 'interviewer' as const };
    const interviewsElsewhere = { ...ready('sam'), inLoop: true, interviewsInLoop: true, inLoopRound };
    const error = refusal(() => checkAssignment(change, factsOf(ready('ines'), interviewsElsewhere)));
    expect(error.code).toBe('INTERVIEWER_ALREADY_IN_LOOP');
    expect(error.details).toEqual({ shadowInterviewerId: 'sam', problems: ['INTERVIEWER_ALREADY_IN_LOOP'], ...inLoopRound });
    const untrained = refusal(() => checkAssignment(change, factsOf(ready('ines'), ready('sam', {}))));
    expect(untrained.details).toMatchObject({ shadowInterviewerId: 'sam', problems: ['INTERVIEWER_NOT_QUALIFIED'] });
  });

  it('leaves alone the people the change does not touch', () => {
    const titleOnly = assignmentAfter(scheduled, {}, ['sam']);
    expect(() => checkAssignment(titleOnly, new Map())).not.toThrow();
  });
});

describe('raceLostRefusal', () => {
  it('is a double booking naming the round that won the race, when it could be read', () => {
    const overlappingRound = { loopId: 'l2', roundId: 'r9', title: 'Coding', startsAt: '2030-03-04T10:00:00.000Z', endsAt: '2030-03-04T11:00:00.000Z' };
    const won = raceLostRefusal('ines', { ...ready('ines'), overlapping: true, overlappingRound });
    expect(won.code).toBe('INTERVIEWER_DOUBLE_BOOKED');
    expect(won.details).toEqual({ interviewerId: 'ines', problems: ['INTERVIEWER_DOUBLE_BOOKED'], ...overlappingRound });
    expect(raceLostRefusal('ines', undefined).details).toEqual({ interviewerId: 'ines', problems: ['INTERVIEWER_DOUBLE_BOOKED'] });
  });
});

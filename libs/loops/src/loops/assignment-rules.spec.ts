import { clashDetails, interviewerProblems, shadowProblems, type AssignmentFacts } from './assignment-rules.js';

const ready: AssignmentFacts = {
  userId: 'u1',
  name: 'Ines',
  email: 'ines@example.test',
  active: true,
  roles: ['interviewer'],
  levels: { p1: 'qualified', p2: 'qualified', p3: 'shadow' },
  weeklyLimit: null,
  conflict: false,
  inLoop: false,
  interviewsInLoop: false,
  overlapping: false,
  weekLoad: 0,
};

describe('interviewerProblems', () => {
  it('accepts an active interviewer qualified for every pillar, free, without conflict, under the limit', () => {
    expect(interviewerProblems(ready, ['p1', 'p2'], true)).toEqual([]);
    expect(interviewerProblems({ ...ready, weeklyLimit: 3, weekLoad: 2 }, ['p1'], true)).toEqual([]);
  });

  it('needs the interviewer role, an active account and `qualified` (not `shadow`) on every pillar', () => {
    expect(interviewerProblems(ready, ['p1', 'p3'], true)).toEqual(['INTERVIEWER_NOT_QUALIFIED']);
    expect(interviewerProblems(ready, ['p4'], true)).toEqual(['INTERVIEWER_NOT_QUALIFIED']);
    expect(interviewerProblems({ ...ready, active: false }, ['p1'], true)).toEqual(['INTERVIEWER_NOT_QUALIFIED']);
    expect(interviewerProblems({ ...ready, roles: ['admin'] }, ['p1'], true)).toEqual(['INTERVIEWER_NOT_QUALIFIED']);
  });

  it('reports every broken rule, in a fixed order', () => {
    const broken = { ...ready, conflict: true, inLoop: true, overlapping: true, weeklyLimit: 2, weekLoad: 2, levels: {} };
    expect(interviewerProblems(broken, ['p1'], true)).toEqual([
      'INTERVIEWER_NOT_QUALIFIED',
      'INTERVIEWER_CONFLICT',
      'INTERVIEWER_ALREADY_IN_LOOP',
      'INTERVIEWER_DOUBLE_BOOKED',
      'INTERVIEWER_OVER_LIMIT',
    ]);
  });

  it('leaves out the time rules while the round has no time', () => {
    expect(interviewerProblems({ ...ready, overlapping: true, weeklyLimit: 0 }, ['p1'], false)).toEqual([]);
    expect(interviewerProblems({ ...ready, weeklyLimit: 0 }, ['p1'], true)).toEqual(['INTERVIEWER_OVER_LIMIT']);
  });
});

describe('shadowProblems', () => {
  it('takes `shadow` or `qualified` on every pillar, and no conflict', () => {
    expect(shadowProblems(ready, ['p1', 'p3'])).toEqual([]);
    expect(shadowProblems(ready, ['p4'])).toEqual(['INTERVIEWER_NOT_QUALIFIED']);
    expect(shadowProblems({ ...ready, conflict: true }, ['p3'])).toEqual(['INTERVIEWER_CONFLICT']);
    // A shadow may shadow several rounds of a loop, and their calendar is not checked; interviewing another is too much.
    expect(shadowProblems({ ...ready, inLoop: true, overlapping: true }, ['p1'])).toEqual([]);
    expect(shadowProblems({ ...ready, inLoop: true, interviewsInLoop: true }, ['p1'])).toEqual(['INTERVIEWER_ALREADY_IN_LOOP']);
  });
});

describe('clashDetails', () => {
  const overlappingRound = { loopId: 'l2', roundId: 'r9', title: 'System design', startsAt: '2030-01-07T09:00:00.000Z', endsAt: '2030-01-07T10:00:00.000Z' };
  const inLoopRound = { roundId: 'r2', title: 'Coding', as: 'shadow' as const };

  it('names the round behind the refusal, only for its own code', () => {
    const facts = { ...ready, inLoop: true, inLoopRound, overlapping: true, overlappingRound };
    expect(clashDetails('INTERVIEWER_DOUBLE_BOOKED', facts)).toEqual(overlappingRound);
    expect(clashDetails('INTERVIEWER_ALREADY_IN_LOOP', facts)).toEqual(inLoopRound);
    expect(clashDetails('INTERVIEWER_NOT_QUALIFIED', facts)).toEqual({});
    expect(clashDetails('INTERVIEWER_DOUBLE_BOOKED', ready)).toEqual({});
  });
});

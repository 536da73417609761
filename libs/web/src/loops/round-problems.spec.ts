import { conflict, validationFailed } from '@loopwright/core';
import { reasonsText, roundProblem, slotText } from './round-problems.js';

const words = { nameOf: (id: string) => ({ u1: 'Dana Lee', u2: 'Sam Shadow' })[id], candidateName: 'Ada Lovelace', timeZone: 'Europe/Berlin' };

describe('a refused round change in words', () => {
  it('names the double-booking clash with its time in the viewer’s zone', () => {
    const error = conflict('INTERVIEWER_DOUBLE_BOOKED', 'The interviewer has another round at that time', {
      interviewerId: 'u1',
      title: 'Coding',
      startsAt: '2026-12-01T13:00:00.000Z',
      endsAt: '2026-12-01T14:00:00.000Z',
    });
    expect(roundProblem(error, words).problem).toBe(
      'Dana Lee is already interviewing Tue 1 Dec 2026, 14:00–15:00 CET (round “Coding”): choose another time or interviewer.',
    );
  });

  it('says who is already on the loop and how, and words the shadow’s refusals as theirs', () => {
    const inLoop = conflict('INTERVIEWER_ALREADY_IN_LOOP', '…', { interviewerId: 'u1', title: 'Foundations', as: 'interviewer' });
    expect(roundProblem(inLoop, words).problem).toContain('Dana Lee is already on this loop: Dana Lee interviews the round “Foundations”.');
    const shadow = conflict('INTERVIEWER_NOT_QUALIFIED', '…', { shadowInterviewerId: 'u2' });
    expect(roundProblem(shadow, words).problem).toMatch(/^Sam Shadow may not shadow this round/);
    const conflicted = conflict('INTERVIEWER_CONFLICT', '…', { interviewerId: 'u1' });
    expect(roundProblem(conflicted, words).problem).toBe('Dana Lee declared a conflict of interest with Ada Lovelace.');
  });

  it('puts a refused field next to the schedule form, and the rest on the round', () => {
    const error = validationFailed([
      { field: 'durationMinutes', problems: ['durationMinutes must not be greater than 480'] },
      { field: 'questionIds', problems: ['a question was already seen by the candidate'] },
    ]);
    expect(roundProblem(error, words)).toEqual({
      problem: 'a question was already seen by the candidate',
      fieldErrors: { duration: 'durationMinutes must not be greater than 480' },
    });
  });

  it('writes a slot over midnight in full, and reasons in words', () => {
    expect(slotText(new Date('2026-12-01T22:30:00Z'), new Date('2026-12-02T00:30:00Z'), 'UTC')).toBe(
      'Tue 1 Dec 2026, 22:30 UTC to Wed 2 Dec 2026, 00:30 UTC',
    );
    expect(reasonsText(['INTERVIEWER_NOT_QUALIFIED', 'INTERVIEWER_DOUBLE_BOOKED'])).toBe('not qualified, busy at that time');
  });
});

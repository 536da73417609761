import { HttpStatus } from '@nestjs/common';
import { AppError, conflict } from '@loopwright/core';
import type { MissingItem } from './scorecard-math.js';

export const scorecardSubmitted = (): AppError =>
  conflict('SCORECARD_SUBMITTED', 'This scorecard is submitted and can no longer change: add an amendment instead');

export const scorecardNotSubmitted = (): AppError =>
  conflict('SCORECARD_NOT_SUBMITTED', 'Only a submitted scorecard takes amendments: save the draft instead');

export const scorecardIncomplete = (missing: MissingItem[]): AppError =>
  new AppError('SCORECARD_INCOMPLETE', `The scorecard is not complete: ${[...new Set(missing.map((item) => item.field))].join(', ')}`, HttpStatus.BAD_REQUEST, {
    missing,
    fields: missing.map((item) => ({ field: item.pillarId ? `ratings.${item.pillarId}` : item.field, problems: [item.problem] })),
  });

export const submitYoursFirst = (details?: { loopIds: string[] }): AppError =>
  new AppError('SUBMIT_YOURS_FIRST', 'Submit your own scorecard of this loop before reading the others', HttpStatus.FORBIDDEN, details);

/** The decision gate: scheduled rounds without their interviewer's submitted scorecard, or none submitted at all. */
export const scorecardsMissing = (rounds: { roundId: string; title: string; interviewerId: string }[], submittedCount: number): AppError =>
  conflict(
    'SCORECARDS_MISSING',
    rounds.length > 0
      ? `${rounds.length} scheduled round(s) lack a submitted scorecard: decide with force and a note, or wait`
      : 'No round of this loop has a submitted scorecard: decide with force and a note, or wait',
    { rounds, submittedCount },
  );

/** 409 ROUND_NOT_STARTED: a scorecard is submitted once its round has started (a round with no time yet has not). */
export const roundNotStarted = (roundId: string, startsAt: Date | null, now: Date): AppError =>
  conflict(
    'ROUND_NOT_STARTED',
    startsAt
      ? 'This round has not started yet: its scorecard can be saved as a draft now and submitted once it starts'
      : 'This round has no time yet: schedule it (a past time records an interview held already) before submitting its scorecard',
    { roundId, startsAt, now },
  );

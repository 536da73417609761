import { conflict, type AppError } from '@loopwright/core';

/** The assignment rules of `API.md`: each broken rule is a 409 with its code. */
export const ASSIGNMENT_RULE_CODES = [
  'INTERVIEWER_NOT_QUALIFIED',
  'INTERVIEWER_CONFLICT',
  'INTERVIEWER_ALREADY_IN_LOOP',
  'INTERVIEWER_DOUBLE_BOOKED',
  'INTERVIEWER_OVER_LIMIT',
] as const;
export type AssignmentRuleCode = (typeof ASSIGNMENT_RULE_CODES)[number];

const RULE_MESSAGES: Record<AssignmentRuleCode, string> = {
  INTERVIEWER_NOT_QUALIFIED: 'The interviewer must be an active interviewer of the organization, qualified for every pillar of the round',
  INTERVIEWER_CONFLICT: 'The interviewer declared a conflict of interest with this candidate',
  INTERVIEWER_ALREADY_IN_LOOP: 'The interviewer is already on another round of this loop',
  INTERVIEWER_DOUBLE_BOOKED: 'The interviewer has another round at that time',
  INTERVIEWER_OVER_LIMIT: 'The interviewer would exceed their weekly interview limit',
};

export const assignmentRefused = (code: AssignmentRuleCode, details: Record<string, unknown>): AppError =>
  conflict(code, RULE_MESSAGES[code], details);

/** 409 LOOP_CLOSED: a decided or cancelled loop (`isClosed`) no longer changes, nor do its rounds and scorecards. */
export const loopClosed = (status: string): AppError =>
  conflict('LOOP_CLOSED', `This loop is ${status}: its rounds and scorecards can no longer change`, { status });

export const positionClosed = (): AppError => conflict('POSITION_CLOSED', 'This position is closed: open it again to start new loops');

export const candidateEmailTaken = (email: string): AppError =>
  conflict('CANDIDATE_EMAIL_TAKEN', `A candidate with the email ${email} already exists in this organization`, { email });

export const conflictAlreadyDeclared = (): AppError =>
  conflict('CONFLICT_ALREADY_DECLARED', 'This conflict of interest is already declared');

/** A scorecard on a round, as the round knows it (the status the scorecards feature sets): whose, main or shadow. */
export interface RoundScorecardRef {
  userId: string;
  shadow: boolean;
  status: string;
}

/**
 * 409 ROUND_HAS_SCORECARD: removing a round with a scorecard (draft or submitted), or changing what a submitted
 * scorecard was written against (`fields`: interviewerId, pillarIds, shadowInterviewerIds).
 */
export const roundHasScorecard = (roundId: string, scorecards: RoundScorecardRef[], fields?: string[]): AppError =>
  conflict(
    'ROUND_HAS_SCORECARD',
    fields
      ? `This round has a submitted scorecard: its ${fields.join(', ')} can no longer change (its times may be corrected)`
      : 'This round has a scorecard: it cannot be removed',
    { roundId, scorecards, ...(fields ? { fields } : {}) },
  );

/** 409 SCORECARD_SUBMITTED: the seat's scorecard is submitted (its person attended; it is not reminded of either). */
export const seatScorecardSubmitted = (): AppError =>
  conflict('SCORECARD_SUBMITTED', 'The scorecard of this seat is submitted: the round was attended and needs no reminder');

/** 409 ROUND_NOT_STARTED: a round not yet started (or with no time) was not missed yet. */
export const roundNotStarted = (startsAt: Date | null, now: Date): AppError =>
  conflict('ROUND_NOT_STARTED', startsAt ? 'This round has not started yet' : 'This round has no time yet', { startsAt, now });

import { validationFailed, type AppError } from '@loopwright/core';
import { assignmentRefused } from '../loops.errors.js';
import { clashDetails, interviewerProblems, shadowProblems, type AssignmentFacts } from './assignment-rules.js';
import { sameSet } from './id-lists.js';
import { resolveTimes, type RoundTimesInput } from './round-times.js';

/** A round as a change finds it. */
export interface AssignedRound {
  pillarIds: string[];
  startsAt: Date | null;
  endsAt: Date | null;
  durationMinutes: number;
  interviewerId: string | null;
}

/** What a change asks of a round's people and times (the fields of `UpdateRoundDto` that matter here). */
export interface AssignmentChange extends RoundTimesInput {
  pillarIds?: string[];
  interviewerId?: string | null;
  shadowInterviewerIds?: string[];
}

/** Who sits on a round after a change, when and for which pillars, and whom the rules must look at again. */
export interface RoundAssignment {
  pillarIds: string[];
  pillarsChanged: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  interviewerId: string | null;
  /** Sorted. */
  shadowIds: string[];
  /** The interviewer when they are new to the round or its times or pillars change, else null. */
  interviewerToCheck: string | null;
  /** The shadows when the list or the pillars change, else none. */
  shadowsToCheck: string[];
}

/**
 * The round's assignment after a change: its times (400 for a bad slot, see `resolveTimes`), interviewer, shadows
 * (400 when the interviewer would also shadow it), and who must pass the rules again. `currentShadows` sorted.
 */
export function assignmentAfter(round: AssignedRound, change: AssignmentChange, currentShadows: string[]): RoundAssignment {
  const pillarIds = change.pillarIds ?? round.pillarIds;
  const pillarsChanged = !sameSet(pillarIds, round.pillarIds);
  const { startsAt, endsAt } = resolveTimes(round, change);
  const timesChanged = startsAt?.getTime() !== round.startsAt?.getTime() || endsAt?.getTime() !== round.endsAt?.getTime();
  const interviewerId = change.interviewerId === undefined ? round.interviewerId : change.interviewerId;
  const shadowIds = change.shadowInterviewerIds ? [...change.shadowInterviewerIds].sort() : currentShadows;
  if (interviewerId && shadowIds.includes(interviewerId)) {
    throw validationFailed([{ field: 'shadowInterviewerIds', problems: ['the interviewer of a round cannot also shadow it'] }]);
  }
  const checkInterviewer = interviewerId !== null && (interviewerId !== round.interviewerId || timesChanged || pillarsChanged);
  const checkShadows = shadowIds.length > 0 && (change.shadowInterviewerIds !== undefined || pillarsChanged);
  return {
    pillarIds,
    pillarsChanged,
    startsAt,
    endsAt,
    interviewerId,
    shadowIds,
    interviewerToCheck: checkInterviewer ? interviewerId : null,
    shadowsToCheck: checkShadows ? shadowIds : [],
  };
}

/** Whose facts `checkAssignment` needs: the interviewer to check first, then the shadows to check. */
export function usersToCheck(assignment: RoundAssignment): string[] {
  return [...(assignment.interviewerToCheck ? [assignment.interviewerToCheck] : []), ...assignment.shadowsToCheck];
}

/**
 * The assignment rules applied to the people `usersToCheck` names, with their facts for the round's slot: 400 for
 * someone who is not a user of the organization, else 409 with the first broken rule (every one in `problems`),
 * the interviewer before the shadows, and what clashes.
 */
export function checkAssignment(assignment: RoundAssignment, facts: ReadonlyMap<string, AssignmentFacts>): void {
  const interviewerId = assignment.interviewerToCheck;
  if (interviewerId) {
    const fact = facts.get(interviewerId);
    if (!fact) throw validationFailed([{ field: 'interviewerId', problems: ['interviewerId is not a user of this organization'] }]);
    const problems = interviewerProblems(fact, assignment.pillarIds, assignment.startsAt !== null);
    if (problems[0]) throw assignmentRefused(problems[0], { interviewerId, problems, ...clashDetails(problems[0], fact) });
  }
  const shadowIds = assignment.shadowsToCheck;
  if (shadowIds.some((id) => !facts.has(id))) {
    throw validationFailed([{ field: 'shadowInterviewerIds', problems: ['every shadow must be a user of this organization'] }]);
  }
  for (const shadowId of shadowIds) {
    const fact = facts.get(shadowId) as AssignmentFacts;
    const problems = shadowProblems(fact, assignment.pillarIds);
    if (problems[0]) throw assignmentRefused(problems[0], { shadowInterviewerId: shadowId, problems, ...clashDetails(problems[0], fact) });
  }
}

/**
 * 409 INTERVIEWER_DOUBLE_BOOKED when the database refused the overlap that the check could not see yet (another
 * assignment committed first); `clash` is the interviewer's facts read after it, when there are any.
 */
export function raceLostRefusal(interviewerId: string | null, clash: AssignmentFacts | undefined): AppError {
  return assignmentRefused('INTERVIEWER_DOUBLE_BOOKED', {
    interviewerId,
    problems: ['INTERVIEWER_DOUBLE_BOOKED'],
    ...(clash ? clashDetails('INTERVIEWER_DOUBLE_BOOKED', clash) : {}),
  });
}

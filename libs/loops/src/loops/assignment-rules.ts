import type { AssignmentRuleCode } from '../loops.errors.js';

/** What the rules need to know of one user for one round and time slot (gathered in one statement). */
export interface AssignmentFacts {
  userId: string;
  name: string;
  email: string;
  active: boolean;
  roles: string[];
  /** Level per pillar id. */
  levels: Record<string, string>;
  weeklyLimit: number | null;
  /** A declared conflict of interest with the loop's candidate. */
  conflict: boolean;
  /** Interviewer or shadow on another round of the same loop. */
  inLoop: boolean;
  /** That other round of the loop (the one they interview, if any, else one they shadow). */
  inLoopRound?: { roundId: string; title: string; as: 'interviewer' | 'shadow' } | null;
  /** Interviewer of another round of the same loop. */
  interviewsInLoop: boolean;
  /** Interviewer of another round whose time overlaps the slot. */
  overlapping: boolean;
  /** The first such round (times as ISO strings). */
  overlappingRound?: { loopId: string; roundId: string; title: string; startsAt: string; endsAt: string } | null;
  /** Rounds they interview in the ISO week of the slot, this one left out. */
  weekLoad: number;
}

/**
 * The assignment rules of `API.md` for the interviewer of a round, in the order they are reported: active
 * interviewer qualified for every pillar, no declared conflict, once per loop, no overlap, under the weekly limit.
 * Without a time slot, the time rules do not apply yet.
 */
export function interviewerProblems(facts: AssignmentFacts, pillarIds: string[], hasSlot: boolean): AssignmentRuleCode[] {
  const problems: AssignmentRuleCode[] = [];
  if (!facts.active || !facts.roles.includes('interviewer') || pillarIds.some((pillarId) => facts.levels[pillarId] !== 'qualified')) {
    problems.push('INTERVIEWER_NOT_QUALIFIED');
  }
  if (facts.conflict) problems.push('INTERVIEWER_CONFLICT');
  if (facts.inLoop) problems.push('INTERVIEWER_ALREADY_IN_LOOP');
  if (hasSlot && facts.overlapping) problems.push('INTERVIEWER_DOUBLE_BOOKED');
  if (hasSlot && facts.weeklyLimit !== null && facts.weekLoad + 1 > facts.weeklyLimit) problems.push('INTERVIEWER_OVER_LIMIT');
  return problems;
}

/**
 * A shadow (trainee) needs `shadow` or `qualified` on every pillar of the round, no conflict with the candidate, and
 * must not interview another round of the loop (they may shadow several). Their calendar is not checked.
 */
export function shadowProblems(facts: AssignmentFacts, pillarIds: string[]): AssignmentRuleCode[] {
  const problems: AssignmentRuleCode[] = [];
  const trained = (pillarId: string): boolean => facts.levels[pillarId] === 'shadow' || facts.levels[pillarId] === 'qualified';
  if (!facts.active || !facts.roles.includes('interviewer') || !pillarIds.every(trained)) problems.push('INTERVIEWER_NOT_QUALIFIED');
  if (facts.conflict) problems.push('INTERVIEWER_CONFLICT');
  if (facts.interviewsInLoop) problems.push('INTERVIEWER_ALREADY_IN_LOOP');
  return problems;
}

/**
 * What a refusal tells about the round that clashes, for staff who change rounds: the other round of the loop and
 * whether the person interviews or shadows it (INTERVIEWER_ALREADY_IN_LOOP), or the overlapping round, of any loop,
 * by ids, title and times, never its candidate (INTERVIEWER_DOUBLE_BOOKED).
 */
export function clashDetails(code: AssignmentRuleCode, facts: AssignmentFacts): Record<string, unknown> {
  if (code === 'INTERVIEWER_ALREADY_IN_LOOP' && facts.inLoopRound) return { ...facts.inLoopRound };
  if (code === 'INTERVIEWER_DOUBLE_BOOKED' && facts.overlappingRound) return { ...facts.overlappingRound };
  return {};
}

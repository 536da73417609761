import type { AppError, FieldProblem } from '@loopwright/core';
import { ASSIGNMENT_RULE_CODES, type AssignmentRuleCode } from '@loopwright/loops';
import { zonedTime } from '../time/zoned-time.js';
import { wallTimeIn } from '../time/zoned-input.js';

/** The schedule form's fields. */
export type ScheduleField = 'date' | 'start' | 'duration';

/** A refused change of a round, in words: next to the schedule's fields, and for the whole round. */
export interface RoundProblem {
  problem: string | null;
  fieldErrors: Partial<Record<ScheduleField, string>>;
}

export interface ProblemWords {
  /** People's names by user id (the loop's and the organization's interviewers). */
  nameOf: (userId: string) => string | undefined;
  candidateName: string;
  timeZone: string;
}

/** `Tue 1 Dec 2026, 14:00–15:00 CET`, or both moments in full when the slot ends another day. */
export function slotText(startsAt: Date, endsAt: Date, timeZone: string): string {
  const start = zonedTime(startsAt, timeZone).text;
  const startWall = wallTimeIn(startsAt, timeZone);
  const endWall = wallTimeIn(endsAt, timeZone);
  if (startWall.date !== endWall.date) return `${start} to ${zonedTime(endsAt, timeZone).text}`;
  return start.replace(`${startWall.time} `, `${startWall.time}–${endWall.time} `);
}

const isRule = (code: string): code is AssignmentRuleCode => (ASSIGNMENT_RULE_CODES as readonly string[]).includes(code);

function ruleProblem(code: AssignmentRuleCode, details: Record<string, unknown>, words: ProblemWords): string {
  const shadow = typeof details.shadowInterviewerId === 'string';
  const userId = shadow ? details.shadowInterviewerId : details.interviewerId;
  const name = (typeof userId === 'string' && words.nameOf(userId)) || (shadow ? 'The shadow' : 'The interviewer');
  const title = typeof details.title === 'string' ? details.title : null;
  switch (code) {
    case 'INTERVIEWER_DOUBLE_BOOKED': {
      const startsAt = typeof details.startsAt === 'string' ? new Date(details.startsAt) : null;
      const endsAt = typeof details.endsAt === 'string' ? new Date(details.endsAt) : null;
      const when = startsAt && endsAt ? ` ${slotText(startsAt, endsAt, words.timeZone)}` : ' at that time';
      return `${name} is already interviewing${when}${title ? ` (round “${title}”)` : ''}: choose another time or interviewer.`;
    }
    case 'INTERVIEWER_ALREADY_IN_LOOP': {
      const as = details.as === 'shadow' ? 'shadows' : 'interviews';
      return `${name} is already on this loop: ${name} ${as} ${title ? `the round “${title}”` : 'another round'}. A person interviews a candidate once per loop.`;
    }
    case 'INTERVIEWER_NOT_QUALIFIED':
      return shadow
        ? `${name} may not shadow this round: they need to be a shadow or qualified on every pillar of it.`
        : `${name} is not qualified for every pillar of this round.`;
    case 'INTERVIEWER_CONFLICT':
      return `${name} declared a conflict of interest with ${words.candidateName}.`;
    case 'INTERVIEWER_OVER_LIMIT':
      return `${name} would go over their weekly interview limit that week.`;
  }
}

const SCHEDULE_FIELDS: Record<string, ScheduleField> = { startsAt: 'start', endsAt: 'start', durationMinutes: 'duration' };

/** The rounds service's refusal of a change (400 or 409) as the plan shows it next to the round. */
export function roundProblem(error: AppError, words: ProblemWords): RoundProblem {
  if (isRule(error.code)) return { problem: ruleProblem(error.code, error.details ?? {}, words), fieldErrors: {} };
  if (error.code !== 'VALIDATION_FAILED') return { problem: error.message, fieldErrors: {} };
  const fieldErrors: Partial<Record<ScheduleField, string>> = {};
  const unplaced: string[] = [];
  const fields = (Array.isArray(error.details?.fields) ? error.details.fields : []) as FieldProblem[];
  for (const { field, problems } of fields) {
    const own = SCHEDULE_FIELDS[field] ?? (['date', 'start', 'duration'].includes(field) ? (field as ScheduleField) : undefined);
    if (own) fieldErrors[own] = problems.join('; ');
    else unplaced.push(problems.join('; '));
  }
  const problem = unplaced.length > 0 ? unplaced.join('; ') : Object.keys(fieldErrors).length > 0 ? 'The round was not changed: see the fields below.' : error.message;
  return { problem, fieldErrors };
}

/** Why someone is not offered for a seat, in words. */
export const REASON_WORDS: Record<AssignmentRuleCode, string> = {
  INTERVIEWER_NOT_QUALIFIED: 'not qualified',
  INTERVIEWER_CONFLICT: 'conflict of interest with the candidate',
  INTERVIEWER_ALREADY_IN_LOOP: 'already on the loop',
  INTERVIEWER_DOUBLE_BOOKED: 'busy at that time',
  INTERVIEWER_OVER_LIMIT: 'over their weekly limit',
};

export const reasonsText = (reasons: string[]): string => reasons.map((code) => (isRule(code) ? REASON_WORDS[code] : code)).join(', ');

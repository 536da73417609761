import { interviewerProblems, shadowProblems, type AssignmentFacts } from './assignment-rules.js';
import type { InterviewerSuggestionDto } from './suggestions.dto.js';

/** People for one seat of a round: those who pass every rule, and the others with the rules they break. */
export interface SeatOptions {
  items: InterviewerSuggestionDto[];
  excluded: InterviewerSuggestionDto[];
}

/** Who may take a round of a loop, as the plan of the loop offers it (`RoundsService.optionsForLoop`). */
export interface RoundOptions {
  roundId: string;
  /** Interviewers for the round's slot, least loaded that week first; null while the round has no time. */
  interviewers: SeatOptions | null;
  /** Shadows (trainees) for the round: `shadow` or `qualified` on its pillars, not interviewing the loop elsewhere. */
  shadows: SeatOptions;
}

const byLoadThenName = (a: InterviewerSuggestionDto, b: InterviewerSuggestionDto): number =>
  a.load - b.load || a.user.name.localeCompare(b.user.name) || a.user.id.localeCompare(b.user.id);

function split(facts: AssignmentFacts[], problemsOf: (fact: AssignmentFacts) => string[]): SeatOptions {
  const entries: InterviewerSuggestionDto[] = facts.map((fact) => ({
    user: { id: fact.userId, name: fact.name, email: fact.email },
    load: fact.weekLoad,
    reasons: problemsOf(fact),
  }));
  return {
    items: entries.filter((entry) => entry.reasons.length === 0).sort(byLoadThenName),
    excluded: entries.filter((entry) => entry.reasons.length > 0),
  };
}

/** The interviewer suggestions for a round's slot (`interviewerProblems` with the time rules). */
export const interviewerOptions = (facts: AssignmentFacts[], pillarIds: string[]): SeatOptions =>
  split(facts, (fact) => interviewerProblems(fact, pillarIds, true));

/** The people who may shadow a round (`shadowProblems`). */
export const shadowOptions = (facts: AssignmentFacts[], pillarIds: string[]): SeatOptions =>
  split(facts, (fact) => shadowProblems(fact, pillarIds));

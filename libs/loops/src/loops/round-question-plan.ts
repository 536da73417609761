import { validationFailed, type FieldProblem } from '@loopwright/core';

/** A question on a round's plan, at the version pinned for it. */
export interface PlannedVersion {
  questionId: string;
  version: number;
}

/** What the plan rules need to know of a question of the organization (as the question bank's `refsByIds` gives it). */
export interface PlannableQuestion {
  id: string;
  pillarId: string;
  status: string;
  currentVersion: number;
}

/** What checking a requested plan reads: the questions, the loop's plan and the candidate's history. */
export interface RequestedPlanFacts {
  roundId: string;
  /** The round's pillars after the change. */
  pillarIds: string[];
  /** The round's plan now. */
  current: PlannedVersion[];
  /** The requested questions that are questions of the organization, by id. */
  questions: ReadonlyMap<string, PlannableQuestion>;
  /** The loop's plan, every round (this one too). */
  loopPlan: { roundId: string; questionId: string }[];
  /** Questions the candidate was planned or asked, in any loop. */
  seenByCandidate: ReadonlySet<string>;
}

/** The plan of a round whose pillars changed: the current one minus the questions of pillars it no longer assesses. */
export function keptForPillars(current: PlannedVersion[], pillarIds: string[], pillarOf: ReadonlyMap<string, string>): PlannedVersion[] {
  return current
    .filter((question) => pillarIds.includes(pillarOf.get(question.questionId) ?? ''))
    .map(({ questionId, version }) => ({ questionId, version }));
}

/**
 * `questionIds` as the round's plan, in that order: each a question of the organization and of the round's pillars,
 * not planned for another round of the loop; a new one must also be active and new to the candidate (400 naming
 * each `questionIds.N` otherwise). Kept questions keep their pinned version, new ones get the current one.
 */
export function requestedPlan(questionIds: string[], facts: RequestedPlanFacts): PlannedVersion[] {
  const kept = new Map(facts.current.map((question) => [question.questionId, question.version]));
  const elsewhere = new Set(facts.loopPlan.filter((row) => row.roundId !== facts.roundId).map((row) => row.questionId));
  const plannedInLoop = new Set(facts.loopPlan.map((row) => row.questionId));
  const problems: FieldProblem[] = [];
  for (const [index, id] of questionIds.entries()) {
    const question = facts.questions.get(id);
    const problem = !question
      ? 'not a question of this organization'
      : elsewhere.has(id)
        ? 'already planned for another round of this loop'
        : !facts.pillarIds.includes(question.pillarId)
          ? 'not a question of the round’s pillars'
          : kept.has(id)
            ? null
            : question.status !== 'active'
              ? 'a retired question cannot be planned'
              : facts.seenByCandidate.has(id) && !plannedInLoop.has(id)
                ? 'this candidate was already planned or asked this question'
                : null;
    if (problem) problems.push({ field: `questionIds.${index}`, problems: [problem] });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return questionIds.map((id) => ({ questionId: id, version: kept.get(id) ?? (facts.questions.get(id) as PlannableQuestion).currentVersion }));
}

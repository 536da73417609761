import type { AppError, FieldProblem } from '@loopwright/core';
import type { LoopDto } from '@loopwright/loops';
import { DecisionInputDto } from '@loopwright/scorecards';
import { formFields, validatedInput } from '../http/form-input.js';
import type { DecisionProblems, DecisionValues } from './debrief.view.js';

/** The checkbox that sends `force`. */
export const FORCE_LABEL = 'Decide without the missing scorecards';

/** The decision form's fields as posted (radios `decision`, text area `note`, checkbox `force`). */
export function readDecisionForm(body: unknown): DecisionValues {
  const fields = formFields(body);
  return { decision: fields.get('decision') ?? '', note: fields.get('note') ?? '', force: fields.has('force') };
}

/** The posted values as the API's body, checked by the API's own pipe (400 VALIDATION_FAILED naming the field). */
export function toDecisionInput(values: DecisionValues): Promise<DecisionInputDto> {
  return validatedInput(DecisionInputDto, {
    ...(values.decision ? { decision: values.decision } : {}),
    note: values.note,
    force: values.force,
  });
}

const fieldsOf = (error: AppError): FieldProblem[] => (Array.isArray(error.details?.fields) ? (error.details.fields as FieldProblem[]) : []);

/**
 * The service's refusal in words: the field it names (no decision chosen, no note with force), or the gate's missing
 * scorecards by round and interviewer; anything else as the service's sentence.
 */
export function decisionProblems(error: AppError, values: DecisionValues, loop: LoopDto): DecisionProblems {
  if (error.code === 'VALIDATION_FAILED') {
    const problems: DecisionProblems = {};
    const other: string[] = [];
    for (const { field, problems: said } of fieldsOf(error)) {
      if (field === 'decision') problems.decision = 'Choose Hire or No hire';
      else if (field === 'note')
        problems.note = values.force ? `Say in Note why you decide without the missing scorecards` : `Note: ${said.join('; ')}`;
      else other.push(`${field}: ${said.join('; ')}`);
    }
    if (other.length > 0 || (!problems.decision && !problems.note)) problems.problem = { text: error.message, items: other, hint: null };
    return problems;
  }
  if (error.code === 'SCORECARDS_MISSING') {
    const rounds = (Array.isArray(error.details?.rounds) ? error.details.rounds : []) as { roundId: string; title: string; interviewerId: string }[];
    const name = (roundId: string): string => loop.rounds.find((round) => round.id === roundId)?.interviewer?.name ?? 'its interviewer';
    const hint = `To decide anyway, tick “${FORCE_LABEL}” and say why in Note.`;
    if (rounds.length === 0) return { problem: { text: 'No scorecard of this loop is submitted yet, so the decision cannot be recorded.', items: [], hint } };
    return {
      problem: {
        text: `The decision waits for ${rounds.length === 1 ? 'a scorecard' : `${rounds.length} scorecards`}:`,
        items: rounds.map((round) => `${round.title}: ${name(round.roundId)} has not submitted theirs`),
        hint,
      },
    };
  }
  return { problem: { text: error.message, items: [], hint: null } };
}

import type { AppError, FieldProblem } from '@loopwright/core';
import { MIN_SUMMARY_LENGTH, type MissingItem } from '@loopwright/scorecards';
import { AMEND_FIELD, FIELD } from './scorecard-form.js';

/** A refused form in words: problems next to the fields (by field name), and one for the whole form. */
export interface FormProblems {
  fieldErrors: Map<string, string>;
  problem?: string;
}

export interface ScorecardErrorContext {
  pillarNames: ReadonlyMap<string, string>;
  questionTitles: ReadonlyMap<string, string>;
  /** Which pillar / question each item of the posted lists was (`ratings.2` is the third). */
  pillarOrder: readonly string[];
  questionOrder: readonly string[];
  /** The draft's ratings as saved just before the submit. */
  savedRatings: ReadonlyMap<string, string | null>;
}

const SUMMARY_TOO_SHORT = `Write a summary of at least ${MIN_SUMMARY_LENGTH} characters`;

const fieldsOf = (error: AppError): FieldProblem[] =>
  Array.isArray(error.details?.fields) ? (error.details.fields as FieldProblem[]) : [];

/** Where the API names a list item (`ratings.1.notes`): the list, the index and the item's field. */
const itemOf = (field: string): { list: string; index: number; key: string } | null => {
  const match = /^(\w+)\.(\d+)(?:\.(\w+))?$/.exec(field);
  return match ? { list: match[1]!, index: Number(match[2]), key: match[3] ?? '' } : null;
};

/**
 * The scorecard service's refusal of a save or submit, as the form shows it: SCORECARD_INCOMPLETE names each missing
 * field next to it, VALIDATION_FAILED the field it is about; anything else is the service's sentence.
 */
export function scorecardProblems(error: AppError, context: ScorecardErrorContext): FormProblems {
  const fieldErrors = new Map<string, string>();
  const pillar = (id: string | undefined): string => (id ? (context.pillarNames.get(id) ?? 'this pillar') : 'this pillar');
  if (error.code === 'SCORECARD_INCOMPLETE') {
    const missing = (Array.isArray(error.details?.missing) ? error.details.missing : []) as MissingItem[];
    for (const item of missing) {
      if (item.field === 'ratings' && item.pillarId) {
        if (context.savedRatings.get(item.pillarId) === 'not_assessed')
          fieldErrors.set(FIELD.notes(item.pillarId), `Say in Notes for ${pillar(item.pillarId)} why it was not assessed`);
        else fieldErrors.set(FIELD.rating(item.pillarId), `Choose a rating for ${pillar(item.pillarId)}`);
      } else if (item.field === 'recommendation') fieldErrors.set(FIELD.recommendation, 'Choose a recommendation');
      else if (item.field === 'summary') fieldErrors.set(FIELD.summary, SUMMARY_TOO_SHORT);
    }
    return { fieldErrors, ...(fieldErrors.size === 0 ? { problem: error.message } : {}) };
  }
  if (error.code === 'VALIDATION_FAILED') {
    const unplaced: string[] = [];
    for (const { field, problems } of fieldsOf(error)) {
      const text = problems.join('; ');
      const item = itemOf(field);
      if (item?.list === 'ratings' && context.pillarOrder[item.index]) {
        const pillarId = context.pillarOrder[item.index]!;
        fieldErrors.set(item.key === 'notes' ? FIELD.notes(pillarId) : FIELD.rating(pillarId), `${pillar(pillarId)}: ${text}`);
      } else if (item?.list === 'questionsAsked' && context.questionOrder[item.index]) {
        const questionId = context.questionOrder[item.index]!;
        const name = item.key === 'rating' ? FIELD.questionRating(questionId) : FIELD.question(questionId);
        fieldErrors.set(name, `${context.questionTitles.get(questionId) ?? 'This question'}: ${text}`);
      } else if (field === 'recommendation') fieldErrors.set(FIELD.recommendation, `Recommendation: ${text}`);
      else if (field === 'summary') fieldErrors.set(FIELD.summary, `Summary: ${text}`);
      else unplaced.push(text);
    }
    return { fieldErrors, ...(unplaced.length > 0 ? { problem: `The draft was not saved: ${unplaced.join('; ')}` } : {}) };
  }
  return { fieldErrors, problem: error.message };
}

/** The amendment's refusal, as the amendment form shows it. */
export function amendProblems(
  error: AppError,
  context: { pillarNames: ReadonlyMap<string, string>; pillarOrder: readonly string[] },
): FormProblems {
  const fieldErrors = new Map<string, string>();
  if (error.code !== 'VALIDATION_FAILED') return { fieldErrors, problem: error.message };
  const unplaced: string[] = [];
  for (const { field, problems } of fieldsOf(error)) {
    const item = itemOf(field);
    const pillarId = item?.list === 'ratings' ? context.pillarOrder[item.index] : undefined;
    if (field === 'reason') fieldErrors.set(AMEND_FIELD.reason, 'Say why you amend the scorecard');
    else if (field === 'summary') fieldErrors.set(AMEND_FIELD.summary, SUMMARY_TOO_SHORT);
    else if (field === 'ratings') unplaced.push('Change at least one rating, the recommendation or the summary');
    else if (pillarId && item?.key === 'notes')
      fieldErrors.set(
        AMEND_FIELD.notes(pillarId),
        `Say in the notes why ${context.pillarNames.get(pillarId) ?? 'this pillar'} was not assessed`,
      );
    else unplaced.push(problems.join('; '));
  }
  return { fieldErrors, ...(unplaced.length > 0 ? { problem: unplaced.join('; ') } : {}) };
}

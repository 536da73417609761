import { validationFailed, type FieldProblem } from '@loopwright/core';
import { AmendScorecardDto, SaveScorecardDto, type PillarRating } from '@loopwright/scorecards';
import { formFields, validatedInput } from '../http/form-input.js';

/**
 * The scorecard form's field names. The radio groups and text areas are keyed by the pillar's or question's id, so
 * one flat urlencoded form (no JavaScript) carries a whole draft, and autosave sends only the fields that changed.
 */
export const FIELD = {
  version: 'version',
  action: 'action',
  rating: (pillarId: string): string => `rating:${pillarId}`,
  notes: (pillarId: string): string => `notes:${pillarId}`,
  question: (questionId: string): string => `question:${questionId}`,
  questionRating: (questionId: string): string => `question-rating:${questionId}`,
  recommendation: 'recommendation',
  summary: 'summary',
} as const;

/** The amendment form's field names. */
export const AMEND_FIELD = {
  reason: 'reason',
  rating: (pillarId: string): string => `amend-rating:${pillarId}`,
  notes: (pillarId: string): string => `amend-notes:${pillarId}`,
  recommendation: 'amend-recommendation',
  summary: 'amend-summary',
} as const;

/** The amendment form's radio value for "leave this as it is". */
export const UNCHANGED = 'unchanged';

export type FormAction = 'save' | 'submit' | 'load-theirs';
const ACTIONS: readonly FormAction[] = ['save', 'submit', 'load-theirs'];

/**
 * Scorecard values as a form holds them: text as typed ('' when empty), a chosen rating, or absent when the form did
 * not send that field (autosave sends only the changed ones; an unchosen radio group sends nothing).
 */
export interface ScorecardValues {
  ratings: Map<string, { rating?: string; notes?: string }>;
  questionNotes: Map<string, string>;
  /** A question's own rating as chosen ('' for "Not rated"). */
  questionRatings: Map<string, string>;
  recommendation?: string;
  summary?: string;
}

export interface PostedScorecard {
  action: FormAction;
  version: number;
  values: ScorecardValues;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits `rating:<uuid>` into its kind and id; null for any other name. */
function keyed(name: string, kinds: readonly string[]): { kind: string; id: string } | null {
  const separator = name.indexOf(':');
  if (separator < 0) return null;
  const kind = name.slice(0, separator);
  const id = name.slice(separator + 1);
  return kinds.includes(kind) && UUID.test(id) ? { kind, id: id.toLowerCase() } : null;
}

function versionOf(value: string | undefined, problems: FieldProblem[]): number {
  const version = value !== undefined && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(version) || version < 1)
    problems.push({ field: 'version', problems: ['version must be the draft version the page was loaded with'] });
  return version;
}

/** Reads the scorecard form as posted (the whole form, or autosave's changed fields); unknown fields are refused. */
export function readScorecardForm(body: unknown): PostedScorecard {
  const fields = formFields(body);
  const problems: FieldProblem[] = [];
  const values: ScorecardValues = { ratings: new Map(), questionNotes: new Map(), questionRatings: new Map() };
  let action: FormAction = 'save';
  let version = NaN;
  for (const [name, value] of fields) {
    if (name === FIELD.version) version = versionOf(value, problems);
    else if (name === FIELD.action) {
      if ((ACTIONS as readonly string[]).includes(value)) action = value as FormAction;
      else problems.push({ field: name, problems: [`action must be one of ${ACTIONS.join(', ')}`] });
    } else if (name === FIELD.recommendation) values.recommendation = value;
    else if (name === FIELD.summary) values.summary = value;
    else {
      const key = keyed(name, ['rating', 'notes', 'question', 'question-rating']);
      if (!key) problems.push({ field: name, problems: [`${name} is not a field of the scorecard form`] });
      else if (key.kind === 'question') values.questionNotes.set(key.id, value);
      else if (key.kind === 'question-rating') values.questionRatings.set(key.id, value);
      else {
        const entry = values.ratings.get(key.id) ?? {};
        values.ratings.set(key.id, key.kind === 'rating' ? { ...entry, rating: value } : { ...entry, notes: value });
      }
    }
  }
  if (!fields.has(FIELD.version)) versionOf(undefined, problems);
  if (problems.length > 0) throw validationFailed(problems);
  return { action, version, values };
}

const textOrNull = (value: string): string | null => (value.trim() === '' ? null : value);

/**
 * The draft save of the API (`PUT /api/rounds/:id/scorecard`) for what the form sent: ratings and notes per pillar,
 * the notes and rating on each planned question (a question with either is recorded as asked; with neither it is
 * taken off), the
 * recommendation and the summary. Checked by the API's pipe. `pillarOrder` and `questionOrder` say which pillar or
 * question each item of the lists is, for naming the field of a problem.
 */
export async function toSaveInput(
  posted: PostedScorecard,
): Promise<{ input: SaveScorecardDto; pillarOrder: string[]; questionOrder: string[] }> {
  const { values } = posted;
  const pillarOrder = [...values.ratings.keys()];
  const questionOrder = [...new Set([...values.questionNotes.keys(), ...values.questionRatings.keys()])];
  const plain: Record<string, unknown> = { version: posted.version };
  if (pillarOrder.length > 0)
    plain.ratings = pillarOrder.map((pillarId) => {
      const entry = values.ratings.get(pillarId)!;
      return {
        pillarId,
        ...(entry.rating !== undefined ? { rating: entry.rating === '' ? null : entry.rating } : {}),
        ...(entry.notes !== undefined ? { notes: textOrNull(entry.notes) } : {}),
      };
    });
  if (questionOrder.length > 0)
    plain.questionsAsked = questionOrder.map((questionId) => {
      const notes = values.questionNotes.get(questionId);
      const rating = values.questionRatings.get(questionId);
      // Neither notes nor a rating: not asked after all (autosave sends a question's two fields together).
      if (textOrNull(notes ?? '') === null && !rating) return { questionId, remove: true };
      return {
        questionId,
        ...(notes !== undefined ? { notes: textOrNull(notes) } : {}),
        ...(rating !== undefined ? { rating: rating === '' ? null : rating } : {}),
      };
    });
  if (values.recommendation !== undefined) plain.recommendation = values.recommendation === '' ? null : values.recommendation;
  if (values.summary !== undefined) plain.summary = textOrNull(values.summary);
  return { input: await validatedInput(SaveScorecardDto, plain), pillarOrder, questionOrder };
}

/** The amendment form as posted: per pillar a new rating (or "unchanged") and notes, the recommendation, the summary, the reason. */
export interface AmendValues {
  reason: string;
  ratings: Map<string, { rating: string; notes: string }>;
  recommendation: string;
  summary: string;
}

export function readAmendForm(body: unknown): AmendValues {
  const fields = formFields(body);
  const problems: FieldProblem[] = [];
  const values: AmendValues = { reason: '', ratings: new Map(), recommendation: UNCHANGED, summary: '' };
  for (const [name, value] of fields) {
    if (name === AMEND_FIELD.reason) values.reason = value;
    else if (name === AMEND_FIELD.recommendation) values.recommendation = value;
    else if (name === AMEND_FIELD.summary) values.summary = value;
    else {
      const key = keyed(name, ['amend-rating', 'amend-notes']);
      if (!key) {
        problems.push({ field: name, problems: [`${name} is not a field of the amendment form`] });
        continue;
      }
      const entry = values.ratings.get(key.id) ?? { rating: UNCHANGED, notes: '' };
      values.ratings.set(key.id, key.kind === 'amend-rating' ? { ...entry, rating: value } : { ...entry, notes: value });
    }
  }
  if (problems.length > 0) throw validationFailed(problems);
  return values;
}

/**
 * The API's amendment (`POST /api/rounds/:id/scorecard/amendments`) for the form: a pillar changes when a new rating
 * is chosen, or when new notes are written (then at the rating in effect, `current`); nothing else is sent.
 */
export async function toAmendInput(
  values: AmendValues,
  current: ReadonlyMap<string, PillarRating | null>,
): Promise<{ input: AmendScorecardDto; pillarOrder: string[] }> {
  const changed = [...values.ratings].flatMap(([pillarId, entry]) => {
    const notes = textOrNull(entry.notes);
    const rating = entry.rating !== UNCHANGED && entry.rating !== '' ? entry.rating : notes !== null ? current.get(pillarId) : null;
    return rating ? [{ pillarId, rating, ...(notes !== null ? { notes } : {}) }] : [];
  });
  const plain: Record<string, unknown> = { reason: values.reason };
  if (changed.length > 0) plain.ratings = changed;
  if (values.recommendation !== UNCHANGED && values.recommendation !== '') plain.recommendation = values.recommendation;
  if (values.summary.trim() !== '') plain.summary = values.summary;
  return { input: await validatedInput(AmendScorecardDto, plain), pillarOrder: changed.map((item) => item.pillarId) };
}

import type { AppError, FieldProblem } from '@loopwright/core';
import { CSV_COLUMNS, csvColumnOf, QUESTION_ROLES, type CsvColumn, type QuestionDto, type QuestionRole } from '@loopwright/question-bank';
import { formFields } from '../http/form-input.js';

/** The question form's fields as typed: lists as text (follow-ups one per line, tags split by commas). */
export interface QuestionFormValues {
  pillarId: string;
  title: string;
  prompt: string;
  rubric_strong_no: string;
  rubric_no: string;
  rubric_yes: string;
  rubric_strong_yes: string;
  followUps: string;
  tags: string;
  difficulty: string;
  roles: QuestionRole[];
  /** The version the edit started from (empty on the create form). */
  version: string;
}

/**
 * The text fields: named as the CSV columns are (so that the API's problem paths map onto them with `csvColumnOf`),
 * but the pillar chosen by id, roles as checkboxes, and the version an edit started from.
 */
const TEXT_FIELDS = [
  'pillarId',
  ...CSV_COLUMNS.filter((column): column is Exclude<CsvColumn, 'pillar' | 'roles'> => column !== 'pillar' && column !== 'roles'),
  'version',
] as const satisfies readonly (keyof QuestionFormValues)[];

/** The checkbox of a role is named after it: `role_ai_engineer`. */
export const roleField = (role: QuestionRole): string => `role_${role}`;

export const EMPTY_QUESTION_FORM: QuestionFormValues = {
  pillarId: '',
  title: '',
  prompt: '',
  rubric_strong_no: '',
  rubric_no: '',
  rubric_yes: '',
  rubric_strong_yes: '',
  followUps: '',
  tags: '',
  difficulty: '3',
  roles: [],
  version: '',
};

/** A posted question form (only its own fields; a field sent twice is refused with 400, as the API refuses). */
export function readQuestionForm(body: unknown): QuestionFormValues {
  const fields = formFields(body);
  const values = { ...EMPTY_QUESTION_FORM, difficulty: '' };
  for (const name of TEXT_FIELDS) values[name] = fields.get(name) ?? '';
  values.roles = QUESTION_ROLES.filter((role) => fields.has(roleField(role)));
  return values;
}

/** The form of an existing question, at its current version. */
export function formValuesOf(question: QuestionDto): QuestionFormValues {
  return {
    pillarId: question.pillarId,
    title: question.title,
    prompt: question.prompt,
    rubric_strong_no: question.rubric.strong_no,
    rubric_no: question.rubric.no,
    rubric_yes: question.rubric.yes,
    rubric_strong_yes: question.rubric.strong_yes,
    followUps: question.followUps.join('\n'),
    tags: question.tags.join(', '),
    difficulty: String(question.difficulty),
    roles: question.roles,
    version: String(question.version),
  };
}

const listOf = (text: string, separator: RegExp): string[] =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * The body `POST /api/questions` (and, with `version`, `PATCH /api/questions/:id`) would get for this form; the
 * API's DTO then checks it. A difficulty that is no whole number stays text, so that the DTO names the problem.
 */
export function questionInputOf(values: QuestionFormValues): Record<string, unknown> {
  const difficulty = values.difficulty.trim();
  return {
    pillarId: values.pillarId,
    title: values.title,
    prompt: values.prompt,
    rubric: { strong_no: values.rubric_strong_no, no: values.rubric_no, yes: values.rubric_yes, strong_yes: values.rubric_strong_yes },
    followUps: listOf(values.followUps, /\r?\n/),
    tags: listOf(values.tags, /,/),
    difficulty: /^\d+$/.test(difficulty) ? Number(difficulty) : difficulty,
    roles: values.roles,
    ...(values.version.trim() !== '' ? { version: /^\d+$/.test(values.version.trim()) ? Number(values.version) : values.version } : {}),
  };
}

/** The form's labels, to word the API's problems for the person filling it in. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  prompt: 'Prompt',
  rubric_strong_no: 'Strong no',
  rubric_no: 'No',
  rubric_yes: 'Yes',
  rubric_strong_yes: 'Strong yes',
  followUps: 'Follow-ups',
  tags: 'Tags',
  difficulty: 'Difficulty',
  roles: 'Roles',
};

/** One form field's problems in words: what to do for a missing value, else the API's sentence after the label. */
function worded(name: string, problems: readonly string[]): string {
  if (name === 'pillarId') return 'Choose a pillar';
  const label = FIELD_LABELS[name] ?? name;
  if (problems.some((problem) => /must not be empty|should not be empty/.test(problem))) {
    if (name.startsWith('rubric_')) return `Describe what a “${label}” answer looks like`;
    if (name === 'title' || name === 'prompt') return `Write the ${label.toLowerCase()}`;
  }
  return `${label}: ${[...new Set(problems)].join('; ')}`;
}

/** A refused question form in words: problems by form field (`rubric.no` → `rubric_no`, `tags.2` → `tags`), and the rest. */
export function questionFormProblems(error: AppError): { fieldErrors: Map<string, string>; problem: string | null } {
  const fieldErrors = new Map<string, string>();
  if (error.code !== 'VALIDATION_FAILED') return { fieldErrors, problem: error.message };
  const fields = (Array.isArray(error.details?.fields) ? error.details.fields : []) as FieldProblem[];
  const byName = new Map<string, string[]>();
  const unplaced: string[] = [];
  const known = new Set<string>(['pillarId', ...Object.keys(FIELD_LABELS)]);
  for (const { field, problems } of fields) {
    const name = csvColumnOf(field);
    if (known.has(name)) byName.set(name, [...(byName.get(name) ?? []), ...problems]);
    else unplaced.push(`${field}: ${problems.join('; ')}`);
  }
  for (const [name, problems] of byName) fieldErrors.set(name, worded(name, problems));
  const problem =
    unplaced.length > 0
      ? `The question was not saved: ${unplaced.join('. ')}`
      : fieldErrors.size > 0
        ? `The question was not saved: ${fieldErrors.size === 1 ? 'one field needs' : `${fieldErrors.size} fields need`} a change (marked below).`
        : null;
  return { fieldErrors, problem };
}

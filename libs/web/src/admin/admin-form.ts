import type { AppError, FieldProblem } from '@loopwright/core';
import { ROLES, type Role } from '@loopwright/identity';

/** A refused form in words: what is wrong next to each field (by the form's field name), and the rest for the form. */
export interface AdminFormProblems {
  fieldErrors: Record<string, string>;
  problem: string | null;
}

const fieldsOf = (error: AppError): FieldProblem[] =>
  Array.isArray(error.details?.fields) ? (error.details.fields as FieldProblem[]) : [];

/** class-validator's "weeklyInterviewLimit must not be…" as "Weekly interview limit must not be…"; else "Label: problem". */
function inWords(problem: string, name: string, label: string): string {
  const [first, ...rest] = problem.split(' ');
  return first === name ? [label, ...rest].join(' ') : `${label}: ${problem}`;
}

/** Problems one after the other: a sentence's own full stop, else a semicolon. */
const sentences = (problems: readonly string[]): string =>
  problems.reduce((text, problem) => (text === '' ? problem : `${text}${/[.!?]$/.test(text) ? ' ' : '; '}${problem}`), '');

/**
 * A service's refusal as the form shows it: VALIDATION_FAILED's problems next to the fields the API names (`labels`
 * maps an API field to its label on the page, which replaces class-validator's property name), `codeFields` puts
 * a coded conflict (EMAIL_TAKEN) next to its field; anything else is the service's sentence for the whole form.
 */
export function formProblems(
  error: AppError,
  labels: Readonly<Record<string, string>>,
  codeFields: Readonly<Record<string, string>> = {},
): AdminFormProblems {
  const fieldErrors: Record<string, string> = {};
  const codeField = codeFields[error.code];
  if (codeField) return { fieldErrors: { [codeField]: error.message }, problem: null };
  if (error.code !== 'VALIDATION_FAILED') return { fieldErrors, problem: error.message };
  const unplaced: string[] = [];
  for (const { field, problems } of fieldsOf(error)) {
    const name = field.split('.', 1)[0]!;
    const label = labels[name];
    if (label) fieldErrors[name] = sentences(problems.map((problem, index) => (index === 0 ? inWords(problem, name, label) : problem)));
    else unplaced.push(`${field}: ${sentences(problems)}`);
  }
  return { fieldErrors, problem: unplaced.length > 0 ? unplaced.join('; ') : null };
}

/** The role checkboxes' field names (`role:admin`, ...): one per role, so that a form sends each field once. */
export const roleField = (role: Role): string => `role:${role}`;

/** The roles whose checkbox the form sent. */
export function postedRoles(fields: ReadonlyMap<string, string>): Role[] {
  return ROLES.filter((role) => fields.has(roleField(role)));
}

/** A text field as typed, or absent when blank: an optional field left empty is not sent to the service. */
export function filled(fields: ReadonlyMap<string, string>, name: string): string | undefined {
  const value = fields.get(name)?.trim();
  return value ? value : undefined;
}

/** A number field: its number when it is a whole number, else the text as typed (for the service to refuse in words). */
export function wholeNumberOr(value: string): number | string {
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

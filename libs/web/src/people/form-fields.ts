import type { AppError, FieldProblem } from '@loopwright/core';

/** One control of a form as its template shows it: what was typed (or stored) and what is wrong with it, if anything. */
export interface FieldView {
  name: string;
  label: string;
  value: string;
  error: string | null;
}

/** A form's state: its fields by name, and a problem that belongs to no one field. */
export interface FormView<Name extends string> {
  fields: Record<Name, FieldView>;
  problem: string | null;
}

/** How a form words the services' refusals beyond "<label>: <problem>". */
export interface FormWords<Name extends string> {
  /** The field a coded refusal (a 409) is about: `{ CANDIDATE_EMAIL_TAKEN: 'email' }`. */
  fieldOfCode?: Partial<Record<string, Name>>;
  /** What to say of a field left blank (a select not chosen: "Choose a person"), instead of the validator's words. */
  whenBlank?: Partial<Record<Name, string>>;
}

/** The form again with what was posted, and the service's refusal placed next to the field it names (by field name). */
export function formWithProblems<Name extends string>(
  labels: Record<Name, string>,
  values: Partial<Record<NoInfer<Name>, string>>,
  error: AppError | null,
  words: FormWords<NoInfer<Name>> = {},
): FormView<Name> {
  const fieldOfCode = words.fieldOfCode ?? {};
  const whenBlank: Partial<Record<Name, string>> = words.whenBlank ?? {};
  const names = Object.keys(labels) as Name[];
  const errors = new Map<Name, string>();
  const unplaced: string[] = [];
  const isField = (field: string): field is Name => names.includes(field as Name);
  if (error?.code === 'VALIDATION_FAILED') {
    const problems = Array.isArray(error.details?.fields) ? (error.details.fields as FieldProblem[]) : [];
    for (const { field: path, problems: texts } of problems) {
      // A list item (`loopIds.2`) is about the list's control.
      const field = path.split('.', 1)[0] ?? path;
      if (!isField(field)) unplaced.push(texts.join('; '));
      else if (!values[field]?.trim() && whenBlank[field]) errors.set(field, whenBlank[field]!);
      else errors.set(field, [errors.get(field), `${labels[field]}: ${texts.join('; ')}`].filter(Boolean).join(' '));
    }
    if (problems.length === 0) unplaced.push(error.message);
  } else if (error) {
    const field = fieldOfCode[error.code];
    if (field) errors.set(field, error.message);
    else unplaced.push(error.message);
  }
  const fields = Object.fromEntries(
    names.map((name): [Name, FieldView] => [name, { name, label: labels[name], value: values[name] ?? '', error: errors.get(name) ?? null }]),
  ) as Record<Name, FieldView>;
  return { fields, problem: unplaced.length > 0 ? unplaced.join(' ') : null };
}

/** The posted text of the form's own fields, trimmed of nothing (the DTO trims what the API trims). */
export function postedValues<Name extends string>(fields: Map<string, string>, names: readonly Name[]): Partial<Record<Name, string>> {
  return Object.fromEntries(names.filter((name) => fields.has(name)).map((name) => [name, fields.get(name)!])) as Partial<Record<Name, string>>;
}

/** A select's options with the chosen one marked. */
export interface OptionView {
  value: string;
  label: string;
  selected: boolean;
}

export function optionsOf(items: readonly { value: string; label: string }[], chosen: string): OptionView[] {
  return items.map((item) => ({ ...item, selected: item.value === chosen }));
}

import { ROLES, type Role } from '@loopwright/identity';
import { roleField } from './admin-form.js';
import { ROLE_LABELS, type FieldError, type RolesField, type TextField } from './admin.view.js';

type TextFieldSpec = Pick<TextField, 'name' | 'label' | 'type'> & Partial<Pick<TextField, 'hint' | 'autocomplete' | 'required'>>;

export const errorFor = (fieldId: string, text: string | undefined): FieldError | null => (text ? { id: `${fieldId}-error`, text } : null);

/** A text field of a form whose fields are named as the API's (`email`, `name`, ...), with its value and problem. */
export function textField(form: string, spec: TextFieldSpec, value: string, errors: Readonly<Record<string, string>>): TextField {
  const id = `${form}-${spec.name}`;
  const error = errorFor(id, errors[spec.name]);
  const describedBy = [spec.hint ? `${id}-hint` : null, error?.id ?? null].filter(Boolean).join(' ');
  return {
    id,
    name: spec.name,
    label: spec.label,
    type: spec.type,
    value,
    hint: spec.hint ?? null,
    autocomplete: spec.autocomplete ?? 'off',
    required: spec.required ?? false,
    error,
    describedBy: describedBy || null,
  };
}

/** The roles fieldset with these roles ticked. */
export function rolesField(form: string, checked: readonly string[], error: string | undefined): RolesField {
  return {
    choices: ROLES.map((role: Role) => ({ id: `${form}-role-${role}`, name: roleField(role), label: ROLE_LABELS[role], checked: checked.includes(role) })),
    error: errorFor(`${form}-roles`, error),
  };
}

export const rolesText = (roles: readonly Role[]): string => roles.map((role) => ROLE_LABELS[role]).join(', ');

export const PASSWORD_HINT = 'At least 10 characters, not easy to guess (not the name, email or organization).';
export const LIMIT_HINT = 'Interviews a week at most (0 to 50); leave empty for no limit.';

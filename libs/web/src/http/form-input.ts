import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, validationFailed, type FieldProblem } from '@loopwright/core';

const pipe = createValidationPipe();

/**
 * A DTO made from a form's fields, checked by the API's own global pipe (strings PostgreSQL refuses, whitelist,
 * class-validator): a page accepts exactly what the API accepts. Throws 400 VALIDATION_FAILED like the API.
 */
export async function validatedInput<T extends object>(type: new () => T, plain: Record<string, unknown>): Promise<T> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: type, data: undefined };
  return (await pipe.transform(plain, metadata)) as T;
}

/** A posted form as its fields: only single text values (a field sent twice, or a non-text value, is refused). */
export function formFields(body: unknown): Map<string, string> {
  if (body === undefined || body === null) return new Map();
  if (typeof body !== 'object' || Array.isArray(body))
    throw validationFailed([{ field: 'body', problems: ['the form could not be read'] }]);
  const fields = new Map<string, string>();
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') fields.set(name, value);
    else problems.push({ field: name, problems: [`${name} must be sent once, as text`] });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return fields;
}

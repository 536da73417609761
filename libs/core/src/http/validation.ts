import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { validationFailed, type FieldProblem } from '../errors/app-error.js';

/** Flattens class-validator's tree into `ratings.0.pillarId`-style field paths. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints
      ? [{ field, problems: Object.entries(error.constraints).map(([rule, text]) => (rule === 'whitelistValidation' ? `${field} is not an accepted field` : text)) }]
      : [];
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(toFieldProblems(errors)),
  });
}

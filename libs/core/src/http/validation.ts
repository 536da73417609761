import { Param, ParseUUIDPipe, ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationFailed, type FieldProblem } from '../errors/app-error.js';
import { badStrings } from './input-strings.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

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

/**
 * The global pipe: first refuses strings PostgreSQL cannot store (NUL, lone surrogates) in any query value,
 * path parameter or body (JSON bodies are also checked by their parser), naming the field; then class-validator.
 */
export class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = badStrings(value, metadata.data ?? '');
      if (problems.length > 0) throw validationFailed(problems);
    }
    // A DTO body must be an object: a JSON `null`, number or array would otherwise pass as "no fields given".
    const isDtoBody = metadata.type === 'body' && typeof metadata.metatype === 'function' && metadata.metatype !== Array && metadata.metatype !== Object;
    if (isDtoBody && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw validationFailed([{ field: 'body', problems: ['the body must be a JSON object'] }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(toFieldProblems(errors)),
  });
}

/** Validates a JSON array body item by item; problems are named `0.pillarId`, `3.title`, ... */
export class ValidateArrayPipe<T extends object> implements PipeTransform<unknown, Promise<T[]>> {
  constructor(
    private readonly itemType: new () => T,
    private readonly maxItems = 1000,
  ) {
    cacheValidationMetadata();
  }

  async transform(value: unknown): Promise<T[]> {
    if (!Array.isArray(value)) throw validationFailed([{ field: 'body', problems: ['the body must be a JSON array'] }]);
    if (value.length > this.maxItems) throw validationFailed([{ field: 'body', problems: [`at most ${this.maxItems} items`] }]);
    const items = value.map((item: unknown) => plainToInstance(this.itemType, item));
    const problems: FieldProblem[] = [];
    for (const [index, item] of items.entries()) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        problems.push({ field: String(index), problems: ['each item must be an object'] });
        continue;
      }
      const errors = await validate(item, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      problems.push(...toFieldProblems(errors, String(index)));
    }
    if (problems.length > 0) throw validationFailed(problems);
    return items;
  }
}

/** A UUID path parameter; anything else is a 400 naming the parameter, before any query runs. */
export const IdParam = (name = 'id'): ParameterDecorator =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => validationFailed([{ field: name, problems: [`${name} must be a UUID`] }]) }));

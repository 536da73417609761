import type { Type } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but, when given, must be valid: `null` is not "left out" (unlike class-validator's
 * `@IsOptional()`, which would let `null` through to a NOT NULL column or past a service's rules).
 * The one way to mark an optional input field that has no "cleared" state.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A field that may be left out or set to `null` (to clear it). */
export const Nullable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

/**
 * The update DTO of a create DTO: the same fields and rules, each of them `Optional` (a `Nullable` one still clears
 * with `null`). Nest's `PartialType` alone marks them `@IsOptional()`, which would let `null` through.
 */
export function PartialInput<T>(create: Type<T>): Type<Partial<T>> {
  return PartialType(create, { skipNullProperties: false });
}

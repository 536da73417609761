import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but, when given, must be valid: `null` is not "left out" (unlike class-validator's
 * `@IsOptional()`, which would let `null` through to a NOT NULL column or past a service's rules).
 * The one way to mark an optional input field that has no "cleared" state.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A field that may be left out or set to `null` (to clear it). */
export const Nullable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

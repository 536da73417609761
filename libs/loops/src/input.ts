import { ValidateIf } from 'class-validator';

/** A field that may be left out but, when given, must be valid: `null` is not "left out". */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A field that may be left out or set to `null` (to clear it). */
export const Nullable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const NOT_BLANK = /\S/;

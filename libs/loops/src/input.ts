/** `Optional` (null refused) and `Nullable` (null clears) are the pipeline's, in @loopwright/core. */
export { Nullable, Optional } from '@loopwright/core';

export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const NOT_BLANK = /\S/;

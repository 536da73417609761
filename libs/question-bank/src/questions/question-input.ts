/** Limits and transforms shared by the question DTOs. */
export const MAX_TITLE_LENGTH = 300;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 40;
export const MAX_FOLLOW_UPS = 30;
export const MAX_FOLLOW_UP_LENGTH = 2_000;

export const NO_PIPE = /^[^|]*$/;

/** A field that may be left out but, when given, must be valid: `null` is not "left out". */
export { Optional } from '@loopwright/core';

/** Text is trimmed; tags are trimmed, lowercased and de-duplicated, so that `?tag=` matches however they were typed. */
export { normalizedTags, NOT_BLANK, trimmed } from '@loopwright/core';

export const trimmedEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value;

/** Limits and transforms shared by the question DTOs. */
export const MAX_TITLE_LENGTH = 300;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 40;
export const MAX_FOLLOW_UPS = 30;
export const MAX_FOLLOW_UP_LENGTH = 2_000;

export const NOT_BLANK = /\S/;
export const NO_PIPE = /^[^|]*$/;

/** A field that may be left out but, when given, must be valid: `null` is not "left out". */
export { Optional } from '@loopwright/core';

export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Tags are trimmed, lowercased and de-duplicated, so that `?tag=` matches however they were typed. */
export const normalizedTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? [...new Set(value.map((tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)))] : value;

export const trimmedEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value;

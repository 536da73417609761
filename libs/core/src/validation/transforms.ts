/** What every DTO does to text input before validating it: one copy for every library. */

/** `@Transform(trimmed)`: a string without its leading and trailing white space; anything else as it came. */
export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** `@Matches(NOT_BLANK)`: at least one character that is not white space. */
export const NOT_BLANK = /\S/;

/** Tags are trimmed, lowercased and de-duplicated (questions and loop template rounds store them so). */
export const normalizedTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? [...new Set(value.map((tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)))] : value;

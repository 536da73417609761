/** A word of letters (and digits after the first letter) joined to others by single hyphens: `bias-variance`, `t-SNE`. */
const HYPHENATED_WORD = /(?<![\p{L}\p{N}_])(?<![\p{L}\p{N}_]-)\p{L}[\p{L}\p{N}]*(?:-\p{L}[\p{L}\p{N}]*)+(?![\p{L}\p{N}_-])/gu;
const INNER_HYPHEN = /(?<=[\p{L}\p{N}])-(?=\p{L})/gu;

/**
 * Prepares a search box's text for `websearch_to_tsquery('english', ...)`, which stays the only parser of it.
 *
 * The english parser reads `bias-variance` as the compound `bias-variance` followed by its parts, and
 * `websearch_to_tsquery` then asks for all three in a row, which a text that wrote "bias variance" or
 * "bias/variance" does not have. A hyphenated word therefore becomes the phrase of its parts
 * (`"bias variance"`): it still matches the hyphenated text (its parts sit next to each other after the
 * compound) and also the other spellings. Inside quotes the hyphens simply become spaces; a leading `-`
 * (exclusion) is kept. Words with digit parts (`gpt-4`) are left to the parser.
 */
export function toWebSearchText(q: string): string {
  return q
    .split('"')
    .map((segment, index) =>
      index % 2 === 1 ? segment.replace(INNER_HYPHEN, ' ') : segment.replace(HYPHENATED_WORD, (word) => `"${word.replaceAll('-', ' ')}"`),
    )
    .join('"')
    .trim();
}

/** `Optional` (null refused) and `Nullable` (null clears) are the pipeline's, in @loopwright/core. */
export { Nullable, Optional, normalizedTags, NOT_BLANK, trimmed } from '@loopwright/core';

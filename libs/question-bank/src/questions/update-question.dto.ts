import { IsInt, Min } from 'class-validator';
import { PartialInput } from '@loopwright/core';
import { CreateQuestionDto } from './create-question.dto.js';
import { Optional } from './question-input.js';

/**
 * Any subset of the fields. A change to `prompt`, `rubric` or `followUps` makes a new version (the older
 * ones stay readable); `pillarId`, `title`, `tags`, `difficulty` and `roles` are edited in place.
 */
export class UpdateQuestionDto extends PartialInput(CreateQuestionDto) {
  /** The version you edited; when given and no longer current, the answer is 409 `STALE_VERSION`. */
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

import { OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, Min, ValidateNested } from 'class-validator';
import { UpdateType } from '@loopwright/core';
import { CreateQuestionDto } from './create-question.dto.js';
import { Optional } from './question-input.js';
import { RubricDto } from './rubric.dto.js';

/**
 * Any subset of the fields. A change to `prompt`, `rubric` or `followUps` makes a new version (the older
 * ones stay readable); `pillarId`, `title`, `tags`, `difficulty` and `roles` are edited in place.
 */
export class UpdateQuestionDto extends UpdateType(OmitType(CreateQuestionDto, ['rubric'] as const)) {
  /** The version you edited; when given and no longer current, the answer is 409 `STALE_VERSION`. */
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;

  /** All four levels, even when only one changes. */
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => RubricDto)
  rubric?: RubricDto; // not inherited: create's `IsDefined` would add a second problem to the one `null` gets here
}

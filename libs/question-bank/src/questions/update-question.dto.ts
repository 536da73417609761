import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  MAX_FOLLOW_UP_LENGTH,
  MAX_FOLLOW_UPS,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
  normalizedTags,
  NOT_BLANK,
  NO_PIPE,
  Optional,
  trimmed,
  trimmedEach,
} from './question-input.js';
import { MAX_PROMPT_LENGTH } from './question-version.entity.js';
import { QUESTION_ROLES, type QuestionRole } from './question.entity.js';
import { RubricDto } from './rubric.dto.js';

/**
 * Any subset of the fields. A change to `prompt`, `rubric` or `followUps` makes a new version (the older
 * ones stay readable); `pillarId`, `title`, `tags`, `difficulty` and `roles` are edited in place.
 */
export class UpdateQuestionDto {
  /** The version you edited; when given and no longer current, the answer is 409 `STALE_VERSION`. */
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;

  @Optional()
  @IsUUID()
  pillarId?: string;

  @Optional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(MAX_TITLE_LENGTH)
  title?: string;

  /** Markdown, at most 20,000 characters. */
  @Optional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'prompt must not be empty' })
  @MaxLength(MAX_PROMPT_LENGTH)
  prompt?: string;

  /** All four levels, even when only one changes. */
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => RubricDto)
  rubric?: RubricDto;

  @Optional()
  @Transform(trimmedEach)
  @IsArray()
  @ArrayMaxSize(MAX_FOLLOW_UPS)
  @IsString({ each: true })
  @Matches(NOT_BLANK, { each: true, message: 'each follow-up must not be empty' })
  @MaxLength(MAX_FOLLOW_UP_LENGTH, { each: true })
  followUps?: string[];

  @Optional()
  @Transform(normalizedTags)
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each tag must not be empty' })
  @MaxLength(MAX_TAG_LENGTH, { each: true })
  @Matches(NO_PIPE, { each: true, message: 'a tag may not contain "|"' })
  tags?: string[];

  @Optional()
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty?: number;

  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(QUESTION_ROLES, { each: true })
  roles?: QuestionRole[];
}

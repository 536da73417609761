import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
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
import { MAX_PROMPT_LENGTH } from './question-version.entity.js';
import { QUESTION_ROLES, type QuestionRole } from './question.entity.js';
import { RubricDto } from './rubric.dto.js';
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

/** Everything a question is made of except its pillar (which create and import name differently). */
export class QuestionContentDto {
  /** @example "Explain the bias-variance tradeoff" */
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(MAX_TITLE_LENGTH)
  title: string;

  /** Markdown, at most 20,000 characters. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'prompt must not be empty' })
  @MaxLength(MAX_PROMPT_LENGTH)
  prompt: string;

  /** Guidance for each rating; all four levels are required. */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RubricDto)
  rubric: RubricDto;

  /** Questions to dig deeper, in the order to ask them. */
  @Optional()
  @Transform(trimmedEach)
  @IsArray()
  @ArrayMaxSize(MAX_FOLLOW_UPS)
  @IsString({ each: true })
  @Matches(NOT_BLANK, { each: true, message: 'each follow-up must not be empty' })
  @MaxLength(MAX_FOLLOW_UP_LENGTH, { each: true })
  followUps?: string[];

  /** At most 50 tags of at most 40 characters, stored lowercase. @example ["bias-variance", "ml-theory"] */
  @Optional()
  @Transform(normalizedTags)
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each tag must not be empty' })
  @MaxLength(MAX_TAG_LENGTH, { each: true })
  @Matches(NO_PIPE, { each: true, message: 'a tag may not contain "|"' })
  tags?: string[];

  /** 1 (easiest) to 5. */
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty: number;

  /** The roles the question suits, a subset of `ai_engineer`, `ml_engineer`; empty suits every role. */
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(QUESTION_ROLES, { each: true })
  roles?: QuestionRole[];
}

export class CreateQuestionDto extends QuestionContentDto {
  /** A pillar of your organization. */
  @IsUUID()
  pillarId: string;
}

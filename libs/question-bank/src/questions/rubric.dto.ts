import { IsString, Matches, MaxLength } from 'class-validator';

import { NOT_BLANK } from './question-input.js';
export const MAX_RUBRIC_LEVEL_LENGTH = 5_000;

/** What an answer at each rating looks like. Every level is required and non-empty. */
export class RubricDto {
  /** What a `strong_no` answer looks like. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'rubric.strong_no must not be empty' })
  @MaxLength(MAX_RUBRIC_LEVEL_LENGTH)
  strong_no: string;

  /** What a `no` answer looks like. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'rubric.no must not be empty' })
  @MaxLength(MAX_RUBRIC_LEVEL_LENGTH)
  no: string;

  /** What a `yes` answer looks like. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'rubric.yes must not be empty' })
  @MaxLength(MAX_RUBRIC_LEVEL_LENGTH)
  yes: string;

  /** What a `strong_yes` answer looks like. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'rubric.strong_yes must not be empty' })
  @MaxLength(MAX_RUBRIC_LEVEL_LENGTH)
  strong_yes: string;
}

import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { trimmed } from './question-input.js';

export class RetireQuestionDto {
  /** Why: `leaked`, `too easy`, or any note. @example "leaked" */
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(500)
  reason: string;
}

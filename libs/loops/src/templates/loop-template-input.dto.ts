import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { normalizedTags, NOT_BLANK, Optional, trimmed } from '../input.js';

export const MAX_ROUND_TAGS = 20;
export const MAX_ROUND_TAG_LENGTH = 40;

import { MAX_QUESTIONS_PER_ROUND, MAX_ROUND_MINUTES, MAX_TEMPLATE_ROUNDS } from './loop-template.entity.js';

export class TemplateRoundInputDto {
  /** @example "AI system design" */
  @Transform(trimmed)
  @IsString()
  @Matches(NOT_BLANK, { message: 'title must not be empty' })
  @MaxLength(200)
  title: string;

  /** 1..480 minutes (a round lasts at most 8 hours). */
  @IsInt()
  @Min(1)
  @Max(MAX_ROUND_MINUTES)
  durationMinutes: number;

  /** Pillars of your organization the round assesses (1..10). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  pillarIds: string[];

  /** How many questions to plan for the round, 0..10. */
  @IsInt()
  @Min(0)
  @Max(MAX_QUESTIONS_PER_ROUND)
  questionCount: number;

  /**
   * Question tags the round is about (0..20, each 1..40 characters, stored lowercase). When given, planning picks
   * questions of the round's pillars carrying any of these tags first (least exposed first among them), then fills
   * `questionCount` with the other questions of its pillars. Left out: none, any question of its pillars.
   * @example ["algorithms-from-scratch"]
   */
  @Optional()
  @Transform(normalizedTags)
  @IsArray()
  @ArrayMaxSize(MAX_ROUND_TAGS)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each tag must not be empty' })
  @MaxLength(MAX_ROUND_TAG_LENGTH, { each: true })
  tags?: string[];
}

export class LoopTemplateInputDto {
  /** @example "AI Engineer onsite" */
  @Transform(trimmed)
  @IsString()
  @Matches(NOT_BLANK, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @Optional()
  @IsString()
  @MaxLength(5_000)
  description?: string;

  /** 1..20 rounds, in order. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TEMPLATE_ROUNDS)
  @ValidateNested({ each: true })
  @Type(() => TemplateRoundInputDto)
  rounds: TemplateRoundInputDto[];
}

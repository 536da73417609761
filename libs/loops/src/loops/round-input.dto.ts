import { OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PartialInput } from '@loopwright/core';
import { Nullable, NOT_BLANK, Optional, trimmed } from '../input.js';
import { MAX_QUESTIONS_PER_ROUND, MAX_ROUND_MINUTES } from '../templates/loop-template.entity.js';

/** What scheduling and assigning a round takes, every field optional; `null` clears the times or the interviewer. */
export class RoundScheduleDto {
  /** ISO-8601; past times are fine (recording an interview after the fact). `null` clears both times. */
  @Nullable()
  @IsISO8601({ strict: true })
  startsAt?: string | null;

  /** After `startsAt`, at most 8 hours later; defaults to `startsAt` + the round's duration. */
  @Nullable()
  @IsISO8601({ strict: true })
  endsAt?: string | null;

  /** The planned length, used when a start comes without an end. */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_ROUND_MINUTES)
  durationMinutes?: number;

  /** The interviewer (see the assignment rules); `null` unassigns. */
  @Nullable()
  @IsUUID()
  interviewerId?: string | null;

  /** Trainees who sit in: `shadow` or `qualified` on the round's pillars. Replaces the list. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  shadowInterviewerIds?: string[];

  /** The planned questions, in order (replaces the plan): active questions of the round's pillars, new to the candidate. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS_PER_ROUND)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  questionIds?: string[];
}

/** A new round. */
export class AddRoundDto extends RoundScheduleDto {
  @Transform(trimmed)
  @IsString()
  @Matches(NOT_BLANK, { message: 'title must not be empty' })
  @MaxLength(200)
  title: string;

  /** Pillars of your organization (1..10). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  pillarIds: string[];

  /** Without `questionIds`: how many questions to plan from the bank (0..10, default 2). */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_QUESTIONS_PER_ROUND)
  questionCount?: number;
}

/** A change of a round: any of the fields of a new one; a change of pillars drops the planned questions of pillars no longer assessed. */
export class UpdateRoundDto extends PartialInput(OmitType(AddRoundDto, ['questionCount'] as const)) {}

export class SuggestionsQueryDto {
  /** Defaults to the round's start. */
  @Optional()
  @IsISO8601({ strict: true })
  startsAt?: string;

  /** Defaults to the round's end. */
  @Optional()
  @IsISO8601({ strict: true })
  endsAt?: string;
}

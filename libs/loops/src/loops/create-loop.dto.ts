import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@loopwright/core';
import { NOT_BLANK, Optional, trimmed } from '../input.js';
import { LOOP_STATUSES, type LoopStatus } from './loop.entity.js';

export class CreateLoopDto {
  @IsUUID()
  candidateId: string;

  /** An open position; a hiring manager may start loops only for the positions they manage. */
  @IsUUID()
  positionId: string;

  /** The template whose rounds the loop copies (questions are planned for each); without one the loop starts empty. */
  @Optional()
  @IsUUID()
  templateId?: string;
}

export class ListLoopsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  positionId?: string;

  @IsOptional()
  @IsUUID()
  candidateId?: string;

  @IsOptional()
  @IsIn(LOOP_STATUSES)
  status?: LoopStatus;
}

export class CancelLoopDto {
  /** Why the loop stops (the candidate withdrew, the position closed...). */
  @Transform(trimmed)
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be empty' })
  @MaxLength(2_000)
  reason: string;
}

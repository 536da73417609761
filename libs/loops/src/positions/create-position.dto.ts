import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PartialInput } from '@loopwright/core';
import { NOT_BLANK, Optional, trimmed } from '../input.js';
import { POSITION_STATUSES, ROLE_FAMILIES, type PositionStatus, type RoleFamily } from './position.entity.js';

export class CreatePositionDto {
  /** @example "Senior AI Engineer" */
  @Transform(trimmed)
  @IsString()
  @Matches(NOT_BLANK, { message: 'title must not be empty' })
  @MaxLength(200)
  title: string;

  /** `ai_engineer`, `ml_engineer` or `other`; questions tagged for a role are planned only for that role. */
  @IsIn(ROLE_FAMILIES)
  roleFamily: RoleFamily;

  /** @example "senior" */
  @Transform(trimmed)
  @IsString()
  @Matches(NOT_BLANK, { message: 'level must not be empty' })
  @MaxLength(100)
  level: string;

  /** An active user with the `hiring_manager` role; left out of a new position, the caller when they are one. */
  @Optional()
  @IsUUID()
  hiringManagerId?: string;
}

export class UpdatePositionDto extends PartialInput(CreatePositionDto) {
  /** `open` or `closed`; no new loops start for a closed position. */
  @Optional()
  @IsIn(POSITION_STATUSES)
  status?: PositionStatus;
}

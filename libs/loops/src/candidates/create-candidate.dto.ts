import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, PartialInput } from '@loopwright/core';
import { Nullable, NOT_BLANK, trimmed } from '../input.js';

export class CreateCandidateDto {
  /** @example "Jordan Rivera" */
  @Transform(trimmed)
  @IsString()
  @Matches(NOT_BLANK, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  /** Unique within the organization (case-insensitive). */
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @Nullable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(50)
  phone?: string | null;

  /** Where the candidate came from. @example "referral" */
  @Nullable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  source?: string | null;

  @Nullable()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;
}

/** Any of the fields; `null` clears the phone, source or notes. */
export class UpdateCandidateDto extends PartialInput(CreateCandidateDto) {}

export class ListCandidatesQueryDto extends PageQueryDto {
  /** Matches the start of the name or email, case-insensitively. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class DeclareConflictDto {
  /** Who has the conflict; anyone may declare their own, admins and recruiters anyone's. */
  @IsUUID()
  userId: string;

  /** @example "Former colleague at Acme" */
  @Transform(trimmed)
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be empty' })
  @MaxLength(2_000)
  reason: string;
}

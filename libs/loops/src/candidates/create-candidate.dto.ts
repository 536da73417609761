import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, UpdateType } from '@loopwright/core';
import { Nullable, NOT_BLANK, Optional, trimmed } from '../input.js';

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

/** Any subset of the fields; `null` clears the phone, the source or the notes. */
export class UpdateCandidateDto extends UpdateType(CreateCandidateDto) {
  /**
   * Sets (`true`) or lifts (`false`) a legal hold (admins and recruiters only): while it holds, the candidate can be
   * neither anonymized nor deleted, by a request or by the retention policy (409 `LEGAL_HOLD`).
   */
  @Optional()
  @IsBoolean()
  legalHold?: boolean;
}

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

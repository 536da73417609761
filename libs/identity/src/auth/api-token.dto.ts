import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Optional, trimmed } from '@loopwright/core';

export class CreateApiTokenDto {
  /** What the token is for, e.g. "ATS sync script". */
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** Days until it expires; without it the token lasts until revoked. */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(730)
  expiresInDays?: number;
}

export class ApiTokenDto {
  id: string;
  name: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  /** Shown once: only its hash is stored. */
  token: string;
}

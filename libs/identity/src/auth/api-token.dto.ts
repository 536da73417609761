import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Optional } from '@loopwright/core';

export class CreateApiTokenDto {
  /** What the token is for, e.g. "ATS sync script". */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
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

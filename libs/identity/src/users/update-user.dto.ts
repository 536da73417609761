import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsString, IsTimeZone, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Nullable, Optional } from '@loopwright/core';
import { ROLES, type Role } from '../roles.js';
import { MIN_PASSWORD_LENGTH } from '../auth/secrets.js';

/** Any subset of the fields; `null` is refused for every field but `weeklyInterviewLimit`. */
export class UpdateUserDto {
  @Optional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  /** `false` deactivates the user: their tokens stop working at once. */
  @Optional()
  @IsBoolean()
  active?: boolean;

  /** A new password (rules as on create); it ends the user's other sessions and tokens (yours: all but the one in use). */
  @Optional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password?: string;

  /** null removes the limit. */
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(50)
  weeklyInterviewLimit?: number | null;

  @Optional()
  @IsTimeZone()
  timezone?: string;
}

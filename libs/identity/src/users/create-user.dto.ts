import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsInt, IsString, IsTimeZone, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Nullable, Optional, trimmed } from '@loopwright/core';
import { ROLES, type Role } from '../roles.js';
import { MIN_PASSWORD_LENGTH } from '../auth/secrets.js';

export class CreateUserDto {
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** A subset of `admin`, `hiring_manager`, `recruiter`, `interviewer`. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  /**
   * At least 10 characters and not easy to guess (zxcvbn score 3 or more; the email, name and organization name count
   * against it). Without one, the user signs in with personal API tokens only. A new one ends the user's other
   * sessions and tokens (yours: all but the one in use).
   */
  @Optional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password?: string;

  /** Interviews a week this user takes at most; null for no limit. */
  @Nullable()
  @IsInt()
  @Min(0)
  @Max(50)
  weeklyInterviewLimit?: number | null;

  /** IANA time zone in which the user sees times; default the organization's. */
  @Optional()
  @IsTimeZone()
  timezone?: string;
}

import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsTimeZone, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../roles.js';
import { MIN_PASSWORD_LENGTH } from '../auth/secrets.js';

export class UpdateUserDto {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  /** `false` deactivates the user: their tokens stop working at once. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** A new password (rules as on create); it ends the user's other sessions and tokens (yours: all but the one in use). */
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password?: string;

  /** null removes the limit. */
  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  weeklyInterviewLimit?: number | null;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}

import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from './secrets.js';
import { OrganizationDto, UserDto } from '../users/user.dto.js';
import { trimmed } from '@loopwright/core';

export class SignupDto {
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  orgName: string;

  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Transform(trimmed)
  @IsEmail()
  @MaxLength(320)
  email: string;

  /** At least 10 characters and not easy to guess (zxcvbn score 3 or more; the email, name and organization name count against it). */
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password: string;
}

export class SignupResponseDto {
  token: string;
  expiresAt: Date;
  user: UserDto;
  organization: OrganizationDto;
}

import { Transform } from 'class-transformer';
import { IsEmail, IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional, trimmed } from '@loopwright/core';
import { UserDto } from '../users/user.dto.js';

export class LoginDto {
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @MaxLength(200)
  password: string;

  /** Only needed when one email belongs to users of several organizations. */
  @Optional()
  @IsUUID()
  organizationId?: string;
}

export class LoginResponseDto {
  /** Send as `Authorization: Bearer <token>`. */
  token: string;
  expiresAt: Date;
  user: UserDto;
}

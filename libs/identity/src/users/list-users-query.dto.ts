import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@loopwright/core';
import { ROLES, type Role } from '../roles.js';

export class ListUsersQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  /** Matches the start of the name or email, case-insensitively. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Optional } from '@loopwright/core';
import { PILLAR_KEY_PATTERN } from './create-pillar.dto.js';

/** Any subset of the fields; a new `key` must stay unique in the organization. */
export class UpdatePillarDto {
  @Optional()
  @IsString()
  @MaxLength(40)
  @Matches(PILLAR_KEY_PATTERN, { message: 'key must be lowercase letters, digits and single hyphens, like "system-design"' })
  key?: string;

  @Optional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name?: string;

  @Optional()
  @IsString()
  @MaxLength(2_000)
  description?: string;

  @Optional()
  @IsInt()
  @Min(0)
  @Max(1_000)
  position?: number;
}

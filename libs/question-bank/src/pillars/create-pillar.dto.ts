import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { trimmed } from '@loopwright/core';

export const PILLAR_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** May be left out; `null` is not "left out". */
const given = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class CreatePillarDto {
  /** Lowercase letters, digits and single hyphens, unique in the organization. @example "data-engineering" */
  @IsString()
  @MaxLength(40)
  @Matches(PILLAR_KEY_PATTERN, { message: 'key must be lowercase letters, digits and single hyphens, like "system-design"' })
  key: string;

  /** @example "Data engineering" */
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name: string;

  @given()
  @IsString()
  @MaxLength(2_000)
  description?: string;

  /** Where it is listed (0 first); a new pillar goes after the existing ones when this is left out. */
  @given()
  @IsInt()
  @Min(0)
  @Max(1_000)
  position?: number;
}

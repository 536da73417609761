import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PILLAR_KEY_PATTERN } from './create-pillar.dto.js';

const given = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Any subset of the fields; a new `key` must stay unique in the organization. */
export class UpdatePillarDto {
  @given()
  @IsString()
  @MaxLength(40)
  @Matches(PILLAR_KEY_PATTERN, { message: 'key must be lowercase letters, digits and single hyphens, like "system-design"' })
  key?: string;

  @given()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name?: string;

  @given()
  @IsString()
  @MaxLength(2_000)
  description?: string;

  @given()
  @IsInt()
  @Min(0)
  @Max(1_000)
  position?: number;
}

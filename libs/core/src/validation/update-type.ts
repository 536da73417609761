import type { Type } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';

/**
 * The update DTO of an input class: every field may be left out (and none is required in OpenAPI), and a field
 * that is given is validated as on create, `null` included: it clears a field that is `Nullable` there and is
 * refused anywhere else, as with `Optional`. (`PartialType`'s default marks the fields `IsOptional`, which would
 * let `null` through to a NOT NULL column.)
 */
export const UpdateType = <T>(classRef: Type<T>): Type<Partial<T>> => PartialType(classRef, { skipNullProperties: false });

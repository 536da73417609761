import { OmitType } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { Optional, UpdateType } from '@loopwright/core';
import { CreateUserDto } from './create-user.dto.js';

/** Any subset of the fields but the email; `null` is refused for every field but `weeklyInterviewLimit`. */
export class UpdateUserDto extends UpdateType(OmitType(CreateUserDto, ['email'] as const)) {
  /** `false` deactivates the user: their tokens stop working at once. */
  @Optional()
  @IsBoolean()
  active?: boolean;
}

import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { IdParam, ValidateArrayPipe } from '@loopwright/core';
import type { Actor } from '../actor.js';
import { Allow } from '../auth/allow.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { CreateUserDto } from './create-user.dto.js';
import { ListUsersQueryDto } from './list-users-query.dto.js';
import { QualificationInputDto } from './qualification-input.dto.js';
import { UpdateMeDto } from './update-me.dto.js';
import { UpdateUserDto } from './update-user.dto.js';
import { MeDto, UserDto, UserPageDto } from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Who you are, with your organization and qualifications. */
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.users.me(actor);
  }

  /** Changes your own settings (your time zone); answers who you are, as `GET /api/me`. */
  @Patch('me')
  updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto): Promise<MeDto> {
    return this.users.updateMe(actor, body);
  }

  @Allow('admin')
  @Post('users')
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  /** The organization's users, by name; filter by `role`, `active`, or a name/email prefix `q`. */
  @Allow('admin', 'hiring_manager', 'recruiter')
  @Get('users')
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Allow('admin')
  @Get('users/:id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  /** Changes a user; `{active:false}` deactivates them and revokes their tokens, a new `password` revokes their other tokens. */
  @Allow('admin')
  @Patch('users/:id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }

  /** Replaces the user's interviewer qualifications with this set. */
  @Allow('admin', 'hiring_manager')
  @Put('users/:id/qualifications')
  @ApiBody({ type: [QualificationInputDto] })
  replaceQualifications(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body(new ValidateArrayPipe(QualificationInputDto, 50)) body: QualificationInputDto[],
  ): Promise<UserDto> {
    return this.users.replaceQualifications(actor, id, body);
  }
}

import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { CreatePositionDto, UpdatePositionDto } from './create-position.dto.js';
import { ListPositionsQueryDto } from './list-positions-query.dto.js';
import { PositionDto, PositionPageDto } from './position.dto.js';
import { PositionsService } from './positions.service.js';

@ApiTags('loops')
@ApiBearerAuth()
@Controller('positions')
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  /** Opens a position; a hiring manager who names no `hiringManagerId` manages it themself. */
  @Allow('admin', 'hiring_manager')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreatePositionDto): Promise<PositionDto> {
    return this.positions.create(actor, body);
  }

  /** The organization's positions, newest first. */
  @Allow('admin', 'hiring_manager', 'recruiter')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListPositionsQueryDto): Promise<PositionPageDto> {
    return this.positions.list(actor, query);
  }

  @Allow('admin', 'hiring_manager', 'recruiter')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PositionDto> {
    return this.positions.get(actor, id);
  }

  /** Changes a position: its hiring manager or an admin (403 for others). */
  @Allow('admin', 'hiring_manager')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdatePositionDto): Promise<PositionDto> {
    return this.positions.update(actor, id, body);
  }
}

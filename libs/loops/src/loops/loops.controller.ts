import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { CancelLoopDto, CreateLoopDto, ListLoopsQueryDto } from './create-loop.dto.js';
import { LoopDto, LoopPageDto } from './loop.dto.js';
import { LoopsService } from './loops.service.js';

@ApiTags('loops')
@ApiBearerAuth()
@Controller('loops')
export class LoopsController {
  constructor(private readonly loops: LoopsService) {}

  /**
   * Starts a loop for a candidate and an open position: the template's rounds are copied and each gets questions
   * planned from the bank (its pillars and the position's role, never one this candidate saw, least exposed first).
   */
  @Allow('admin', 'hiring_manager', 'recruiter')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateLoopDto): Promise<LoopDto> {
    return this.loops.create(actor, body);
  }

  /** The organization's loops, newest first; filter by `positionId`, `candidateId`, `status`. */
  @Allow('admin', 'hiring_manager', 'recruiter')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListLoopsQueryDto): Promise<LoopPageDto> {
    return this.loops.list(actor, query);
  }

  /** The loop with its rounds, coverage and missing pillars; an interviewer reads only loops they are on. */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<LoopDto> {
    return this.loops.get(actor, id);
  }

  /**
   * Cancels the loop: its rounds not yet held lose their interviewers and shadows (calendars freed); a round with a
   * submitted scorecard counts as held and keeps them. Nothing of the loop changes afterwards.
   */
  @Allow('admin', 'hiring_manager', 'recruiter')
  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: CancelLoopDto): Promise<LoopDto> {
    return this.loops.cancel(actor, id, body);
  }
}

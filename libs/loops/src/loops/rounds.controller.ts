import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { LoopDto } from './loop.dto.js';
import { AddRoundDto, SuggestionsQueryDto, UpdateRoundDto } from './round-input.dto.js';
import { RoundsService } from './rounds.service.js';
import { InterviewerSuggestionsDto } from './suggestions.dto.js';

@ApiTags('loops')
@ApiBearerAuth()
@Allow('admin', 'hiring_manager', 'recruiter')
@Controller('loops/:id/rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  /** Adds a round (questions planned from the bank unless `questionIds` is given); answers the loop. */
  @Post()
  add(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: AddRoundDto): Promise<LoopDto> {
    return this.rounds.add(actor, id, body);
  }

  /**
   * Schedules and assigns a round. 409 with `INTERVIEWER_NOT_QUALIFIED`, `INTERVIEWER_DOUBLE_BOOKED`,
   * `INTERVIEWER_ALREADY_IN_LOOP`, `INTERVIEWER_OVER_LIMIT` or `INTERVIEWER_CONFLICT` when a rule is broken
   * (`details.problems`: every rule broken). `INTERVIEWER_DOUBLE_BOOKED` names the clashing round, of any loop:
   * `details.loopId`, `roundId`, `title`, `startsAt`, `endsAt` (never its candidate). `INTERVIEWER_ALREADY_IN_LOOP`
   * names the other round of this loop: `details.roundId`, `title` and `as` (`interviewer` or `shadow`: how the person
   * is on it).
   * Once the round has a submitted scorecard (the interviewer's or a shadow's), its interviewer, its pillars and the
   * seat of a shadow who submitted no longer change: 409 `ROUND_HAS_SCORECARD` (`details.scorecards`: whose, and
   * `details.fields`: what was refused). Its times (and title, duration, planned questions) may still be corrected.
   * A new interviewer starts with an empty scorecard: a draft of the previous one stays with its author, read-only.
   */
  @Patch(':roundId')
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Body() body: UpdateRoundDto,
  ): Promise<LoopDto> {
    return this.rounds.update(actor, id, roundId, body);
  }

  /**
   * Removes a round that has no scorecard yet (no draft or submitted one, main or shadow): else 409
   * `ROUND_HAS_SCORECARD`. Answers 200 with the loop, as the other round routes do.
   */
  @Delete(':roundId')
  remove(@CurrentActor() actor: Actor, @IdParam() id: string, @IdParam('roundId') roundId: string): Promise<LoopDto> {
    return this.rounds.remove(actor, id, roundId);
  }

  /** Interviewers for the round and slot: qualified, free, without conflict, under their limit, least loaded first. */
  @Get(':roundId/interviewer-suggestions')
  suggestions(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Query() query: SuggestionsQueryDto,
  ): Promise<InterviewerSuggestionsDto> {
    return this.rounds.suggestions(actor, id, roundId, query);
  }
}

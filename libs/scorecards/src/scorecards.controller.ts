import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { ScorecardDto } from './scorecard.dto.js';
import { AmendScorecardDto, SaveScorecardDto, ScorecardListQueryDto, SubmitScorecardDto } from './scorecard-input.dto.js';
import { ScorecardsService } from './scorecards.service.js';

const csvReply = (reply: FastifyReply, name: string): void => {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
};

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller()
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  /** My scorecard of the round (its interviewer or a shadow), created as an empty draft on first read. */
  @Get('rounds/:roundId/scorecard')
  mine(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string): Promise<ScorecardDto> {
    return this.scorecards.mine(actor, roundId);
  }

  /**
   * Saves my draft: send the `version` you loaded; a stale one answers 409 STALE_VERSION with `details.current`.
   * Fields left out are kept, `null` clears. 409 SCORECARD_SUBMITTED once submitted, LOOP_CLOSED once decided.
   */
  @Put('rounds/:roundId/scorecard')
  save(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string, @Body() body: SaveScorecardDto): Promise<ScorecardDto> {
    return this.scorecards.save(actor, roundId, body);
  }

  /** Submits my scorecard (400 SCORECARD_INCOMPLETE listing what is missing); it never changes afterwards. */
  @Post('rounds/:roundId/scorecard/submit')
  @HttpCode(HttpStatus.OK)
  submit(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string, @Body() body: SubmitScorecardDto): Promise<ScorecardDto> {
    return this.scorecards.submit(actor, roundId, body);
  }

  /** Amends my submitted scorecard with a reason; the amendments are kept and shown with it. */
  @Post('rounds/:roundId/scorecard/amendments')
  amend(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string, @Body() body: AmendScorecardDto): Promise<ScorecardDto> {
    return this.scorecards.amend(actor, roundId, body);
  }

  /**
   * The loop's submitted scorecards (never drafts): staff at any time; an interviewer of the loop after submitting
   * their own (403 SUBMIT_YOURS_FIRST). Shadows' only with `includeShadows=true`; `format=csv` for spreadsheets.
   */
  @Get('loops/:id/scorecards')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(ScorecardDto)
  @ApiOkResponse({
    description: 'JSON (the default) or, with `format=csv`, RFC 4180 CSV with a header row',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(ScorecardDto) } } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async forLoop(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: ScorecardListQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardDto[] | string> {
    if (query.format !== 'csv') return this.scorecards.forLoop(actor, id, query.includeShadows ?? false);
    const csv = await this.scorecards.forLoopCsv(actor, id, query.includeShadows ?? false);
    csvReply(reply, `scorecards-loop-${id}.csv`);
    return csv;
  }

  /** Every submitted scorecard of the position's loops, as CSV (`format=csv`, the default here) for staff. */
  @Allow('admin', 'hiring_manager', 'recruiter')
  @Get('positions/:id/scorecards')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'RFC 4180 CSV with a header row, one row per pillar rating', content: { 'text/csv': { schema: { type: 'string' } } } })
  async forPosition(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: ScorecardListQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = await this.scorecards.forPositionCsv(actor, id, query.includeShadows ?? false);
    csvReply(reply, `scorecards-position-${id}.csv`);
    return csv;
  }
}

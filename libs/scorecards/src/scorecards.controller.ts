import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { ScorecardDto, ScorecardPageDto } from './scorecard.dto.js';
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

  /**
   * My scorecard of the round (its interviewer or a shadow), created as an empty draft on first read. Someone taken
   * off the round while holding a draft still reads it here, marked `detached: true` (no longer saved or submitted);
   * the new interviewer starts with an empty draft and never sees it.
   */
  @Get('rounds/:roundId/scorecard')
  mine(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string): Promise<ScorecardDto> {
    return this.scorecards.mine(actor, roundId);
  }

  /**
   * Saves my draft: send the `version` you loaded; a stale one answers 409 STALE_VERSION with `details.current`.
   * Fields left out are kept, `null` clears. `ratings` and `questionsAsked` MERGE into the saved ones, never replace
   * them: per pillar (`rating: null` clears one pillar's rating, the other pillars stay) and per question
   * (`{questionId, remove: true}` takes one off). 409 SCORECARD_SUBMITTED once submitted, LOOP_CLOSED once decided.
   */
  @Put('rounds/:roundId/scorecard')
  save(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string, @Body() body: SaveScorecardDto): Promise<ScorecardDto> {
    return this.scorecards.save(actor, roundId, body);
  }

  /**
   * Submits my scorecard (400 SCORECARD_INCOMPLETE listing what is missing); it never changes afterwards. Not before
   * the round's `startsAt`, and not while the round has no time: 409 ROUND_NOT_STARTED (`details.startsAt`, `now`);
   * drafts may be saved any time.
   */
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
   * The loop's submitted scorecards (never drafts): staff at any time; anyone who interviews or shadows on the loop,
   * staff included, only after submitting their own (403 SUBMIT_YOURS_FIRST), in JSON and CSV alike. Shadows' only
   * with `includeShadows=true`; `format=csv` for spreadsheets. JSON in the `{items, nextCursor}` shape of every list;
   * a loop has few scorecards, so they all come in one page and `nextCursor` is always null.
   */
  @Get('loops/:id/scorecards')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(ScorecardPageDto)
  @ApiOkResponse({
    description: 'JSON (the default: a page whose nextCursor is always null) or, with `format=csv`, RFC 4180 CSV with a header row',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ScorecardPageDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async forLoop(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: ScorecardListQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardPageDto | string> {
    if (query.format !== 'csv') return { items: await this.scorecards.forLoop(actor, id, query.includeShadows ?? false), nextCursor: null };
    const csv = await this.scorecards.forLoopCsv(actor, id, query.includeShadows ?? false);
    csvReply(reply, `scorecards-loop-${id}.csv`);
    return csv;
  }

  /**
   * Every submitted scorecard of the position's loops, as CSV (`format=csv`, the default here) for staff. The loops
   * where the caller interviews or shadows and has not submitted their own yet are left out (the blind rule).
   */
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

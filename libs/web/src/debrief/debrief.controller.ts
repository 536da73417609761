import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppError, IdParam, validationFailed } from '@loopwright/core';
import { RemindNow, RemindNowInputDto } from '@loopwright/notifications';
import { isUUID } from 'class-validator';
import { Allow, BrowserSession, CurrentActor, type Actor } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { PacketQueryDto, PacketsService, packetResponse } from '@loopwright/packets';
import { DebriefService } from '@loopwright/scorecards';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { DebriefPage } from './debrief.page.js';
import { debriefPath, type DebriefPageState } from './debrief.view.js';
import { decisionProblems, readDecisionForm, toDecisionInput } from './decision-form.js';

const DEBRIEF_NOTICES = ['decided', 'reminded'] as const;

/** What a refused Remind now answers with the page again: bad input, a conflict (submitted meanwhile...), too soon. */
const REMIND_REFUSALS: readonly number[] = [HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.TOO_MANY_REQUESTS];

/**
 * The debrief page, its decision form and its packet downloads, for staff as `GET /api/loops/:id/summary` (the
 * decision and the packet then check their own rules, in their services). Without JavaScript: the form posts, then
 * 303 back to the page, or the page again with the refusal in words.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin', 'hiring_manager', 'recruiter')
@Controller('app/loops')
export class DebriefController {
  constructor(
    private readonly page: DebriefPage,
    private readonly debriefs: DebriefService,
    private readonly loops: LoopsService,
    private readonly packets: PacketsService,
    private readonly remindNow: RemindNow,
  ) {}

  @Get(':id/debrief')
  async debrief(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query('notice') notice: unknown,
    @Query('names') names: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const known = DEBRIEF_NOTICES.find((value) => value === notice);
    await this.render(reply, HttpStatus.OK, actor, id, { ...(known ? { notice: known } : {}), hideNames: names === 'hidden' });
  }

  /** `POST /api/loops/:id/decision` from the form: hiring manager of the position, admin (403 for anyone else). */
  @Allow('admin', 'hiring_manager')
  @Post(':id/decision')
  async decide(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const posted = readDecisionForm(body);
    const decided = async (): Promise<string> => {
      await this.debriefs.decide(actor, id, await toDecisionInput(posted));
      return `${debriefPath(id)}?notice=decided#decision`;
    };
    await answerForm(reply, decided, async (error) => {
      const problems = decisionProblems(error, posted, await this.loops.get(actor, id));
      await this.render(reply, error.status, actor, id, { posted, problems });
    });
  }

  /**
   * **Remind now** for one seat of the list of who has not submitted (`POST /api/rounds/:id/remind`, same service and
   * rules): 303 back to the list, or the page again saying why not (too soon, submitted meanwhile, ...).
   */
  @Post(':id/remind')
  async remind(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const roundId = fields.get('roundId') ?? '';
    if (!isUUID(roundId)) throw validationFailed([{ field: 'roundId', problems: ['roundId must be a UUID'] }]);
    const input = await validatedInput(RemindNowInputDto, { interviewerId: fields.get('interviewerId') });
    try {
      await this.remindNow.remind(actor, roundId, input);
    } catch (error) {
      if (!(error instanceof AppError) || !REMIND_REFUSALS.includes(error.status)) throw error;
      await this.render(reply, error.status, actor, id, { remindProblem: `Not reminded: ${error.message}.` });
      return;
    }
    void reply.redirect(`${debriefPath(id)}?notice=reminded#missing-heading`, HttpStatus.SEE_OTHER);
  }

  /** The packet as `GET /api/loops/:id/packet` answers it (same service, same rules), with the browser's session. */
  @Get(':id/packet')
  async packet(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    const input = await validatedInput(PacketQueryDto, query);
    return packetResponse(reply, await this.packets.render(actor, id, input));
  }

  private async render(reply: FastifyReply, status: number, actor: Actor, loopId: string, state: DebriefPageState): Promise<void> {
    const view = await this.page.view(actor, loopId, debriefPath(loopId), state);
    await renderPage(reply, status, 'debrief.hbs', view);
  }
}

import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, type Actor } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { PacketQueryDto, PacketsService, packetResponse } from '@loopwright/packets';
import { DebriefService } from '@loopwright/scorecards';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { DebriefPage } from './debrief.page.js';
import { debriefPath, type DebriefPageState } from './debrief.view.js';
import { decisionProblems, readDecisionForm, toDecisionInput } from './decision-form.js';

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
  ) {}

  @Get(':id/debrief')
  async debrief(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query('notice') notice: unknown,
    @Query('names') names: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(reply, HttpStatus.OK, actor, id, { ...(notice === 'decided' ? { notice } : {}), hideNames: names === 'hidden' });
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

import { Body, Controller, Get, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow, BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { CreateLoopDto, LoopsService } from '@loopwright/loops';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { LoopListPage, type LoopListFilters, type LoopListView } from './loop-list.page.js';
import { loopPath } from './loop-words.js';
import { NEW_LOOP_FIELDS, NewLoopPage, newLoopProblems, type NewLoopValues, type NewLoopView } from './new-loop.page.js';

/** The loops list and the new-loop form: staff, as `GET /api/loops` and `POST /api/loops`. */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin', 'hiring_manager', 'recruiter')
@Controller('app/loops')
export class LoopsController {
  constructor(
    private readonly list: LoopListPage,
    private readonly newLoop: NewLoopPage,
    private readonly loops: LoopsService,
  ) {}

  @Get()
  @Render('loops.hbs')
  loopList(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest, @Query() query: LoopListFilters): Promise<LoopListView> {
    return this.list.view(actor, request.url, { positionId: query.positionId, status: query.status, cursor: query.cursor });
  }

  @Get('new')
  @Render('loops-new.hbs')
  newLoopForm(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest, @Query() query: Record<string, unknown>): Promise<NewLoopView> {
    const values: NewLoopValues = {};
    for (const name of NEW_LOOP_FIELDS) if (typeof query[name] === 'string') values[name] = query[name];
    return this.newLoop.view(actor, request.url, { values });
  }

  /** Creates the loop through LoopsService (the API's rules), then 303 to its plan; a refusal next to its field. */
  @Post('new')
  async create(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const values: NewLoopValues = {};
    for (const name of NEW_LOOP_FIELDS) {
      const value = fields.get(name);
      if (value) values[name] = value;
    }
    await answerForm(
      reply,
      async () => `${loopPath((await this.loops.create(actor, await validatedInput(CreateLoopDto, { ...values }))).id)}?notice=created`,
      async (error) => {
        const view = await this.newLoop.view(actor, '/app/loops/new', { values, ...newLoopProblems(error) });
        await renderPage(reply, error.status, 'loops-new.hbs', view);
      },
      { forbidden: true },
    );
  }
}

import { Body, Controller, Get, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, STAFF_ROLES, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { PositionsService } from '@loopwright/loops';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { positionValues, toCreateInput, toListQuery, toUpdateInput } from './position-form.js';
import { positionPath, PositionsPage } from './positions.page.js';
import type { PositionFormView, PositionListView, PositionNotice, PositionView } from './positions.view.js';

const NOTICES: readonly PositionNotice[] = ['created', 'saved'];

/**
 * The position pages, with the roles of `/api/positions`: staff read them, admins and hiring managers open them, the
 * position's hiring manager or an admin changes one. Forms post, then 303 to the position's page; a refusal renders
 * the form again with what was posted and the problem next to its field.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app/positions')
export class PositionsController {
  constructor(
    private readonly page: PositionsPage,
    private readonly positions: PositionsService,
  ) {}

  @Allow(...STAFF_ROLES)
  @Get()
  @Render('positions.hbs')
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Req() request: AuthenticatedRequest): Promise<PositionListView> {
    return this.page.list(actor, request.url, await toListQuery(query));
  }

  @Allow('admin', 'hiring_manager')
  @Get('new')
  @Render('positions-form.hbs')
  newForm(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest): Promise<PositionFormView> {
    return this.page.createForm(actor, request.url);
  }

  @Allow('admin', 'hiring_manager')
  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = positionValues(formFields(body));
    await answerForm(
      reply,
      async () => `${positionPath((await this.positions.create(actor, await toCreateInput(values))).id)}?notice=created`,
      async (error) => renderPage(reply, error.status, 'positions-form.hbs', await this.page.createForm(actor, '/app/positions/new', { values, error })),
      { forbidden: true },
    );
  }

  @Allow(...STAFF_ROLES)
  @Get(':id')
  @Render('positions-show.hbs')
  position(@CurrentActor() actor: Actor, @IdParam() id: string, @Query('notice') notice: unknown, @Req() request: AuthenticatedRequest): Promise<PositionView> {
    return this.page.view(actor, id, request.url, NOTICES.find((value) => value === notice));
  }

  @Allow('admin', 'hiring_manager')
  @Get(':id/edit')
  @Render('positions-form.hbs')
  editForm(@CurrentActor() actor: Actor, @IdParam() id: string, @Req() request: AuthenticatedRequest): Promise<PositionFormView> {
    return this.page.editForm(actor, id, request.url);
  }

  @Allow('admin', 'hiring_manager')
  @Post(':id')
  async update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = positionValues(formFields(body));
    // Another hiring manager's position is a 403 for the error page, not a problem on the form.
    const updated = async (): Promise<string> => {
      await this.positions.update(actor, id, await toUpdateInput(values));
      return `${positionPath(id)}?notice=saved`;
    };
    await answerForm(reply, updated, async (error) =>
      renderPage(reply, error.status, 'positions-form.hbs', await this.page.editForm(actor, id, `${positionPath(id)}/edit`, { values, error })),
    );
  }
}

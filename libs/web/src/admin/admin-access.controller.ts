import { Controller, Get, HttpStatus, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow, BrowserSession, CurrentActor, ListAccessEventsQueryDto, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { ACCESS_PAGE_LIMIT, AccessPages } from './access.page.js';

/** Who read what (admins), as `GET /api/access-events`: packets, candidates, scorecards, debriefs, export downloads. */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin')
@Controller('app/admin/access')
export class AdminAccessController {
  constructor(private readonly pages: AccessPages) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    // An empty select means no filter.
    const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
    const view = await this.pages.list(actor, await validatedInput(ListAccessEventsQueryDto, { limit: String(ACCESS_PAGE_LIMIT), ...given }));
    await renderPage(reply, HttpStatus.OK, 'admin-access.hbs', view);
  }
}

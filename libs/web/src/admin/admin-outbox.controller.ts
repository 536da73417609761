import { Controller, Get, HttpStatus, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, type Actor } from '@loopwright/identity';
import { ListOutboxQueryDto } from '@loopwright/notifications';
import type { FastifyReply } from 'fastify';
import { validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { DEFAULT_LIMIT, OutboxPages } from './outbox.page.js';

/** The mail outbox (admins): what was sent, is waiting, failed, or was held because no SMTP server is configured. */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin')
@Controller('app/admin/outbox')
export class AdminOutboxController {
  constructor(private readonly pages: OutboxPages) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    // An empty select means no filter.
    const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
    const view = await this.pages.list(actor, await validatedInput(ListOutboxQueryDto, { limit: String(DEFAULT_LIMIT), ...given }));
    await renderPage(reply, HttpStatus.OK, 'admin-outbox.hbs', view);
  }

  @Get(':id')
  async message(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await renderPage(reply, HttpStatus.OK, 'admin-outbox-message.hbs', await this.pages.message(actor, id));
  }
}

import { Body, Controller, Get, HttpStatus, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { PacketExportsService, sendExportArchive } from '@loopwright/packets';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { readExportForm, toExportInput, type PostedExport } from './export-form.js';
import { ExportsPage } from './exports.page.js';
import type { ExportView } from './exports.view.js';

const STARTED = 'Export started. Its progress shows below; the page updates itself while the worker makes it (or reload it).';

/**
 * Bulk exports in the browser: start one (admins and recruiters, as `POST /api/exports`), follow its progress, and
 * download the zip with the browser session (the API's download route takes bearer tokens only), from the same
 * PacketExportsService output.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app/exports')
export class ExportsController {
  constructor(
    private readonly page: ExportsPage,
    private readonly exports: PacketExportsService,
  ) {}

  @Allow('admin', 'recruiter')
  @Get()
  async list(
    @CurrentActor() actor: Actor,
    @Query('notice') notice: unknown,
    @Query('positionId') positionId: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.page.view(actor, request.url, {
      ...(notice === 'started' ? { notice: STARTED } : {}),
      ...(typeof positionId === 'string' ? { positionId } : {}),
    });
    await renderPage(reply, HttpStatus.OK, 'exports.hbs', view);
  }

  @Allow('admin', 'recruiter')
  @Post()
  async start(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const posted: PostedExport = readExportForm(formFields(body));
    await answerForm(
      reply,
      async () => `/app/exports?notice=started#export-${(await this.exports.request(actor, await toExportInput(posted))).id}`,
      async (error) => renderPage(reply, error.status, 'exports.hbs', await this.page.view(actor, '/app/exports', { posted, error })),
      { forbidden: true },
    );
  }

  /** One export, as `GET /api/exports/:id` (its requester and admins); the list's progress bars poll it. */
  @Get(':id')
  @Render('exports-show.hbs')
  one(@CurrentActor() actor: Actor, @IdParam() id: string, @Req() request: AuthenticatedRequest): Promise<ExportView> {
    return this.page.one(actor, id, request.url);
  }

  /** The zip, as `GET /api/exports/:id/download` (409 EXPORT_NOT_READY before it is done). */
  @Get(':id/download')
  async download(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await sendExportArchive(reply, await this.exports.download(actor, id));
  }
}

import { Body, Controller, Get, Header, HttpStatus, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppError, IdParam } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { CandidatesService } from '@loopwright/loops';
import { CreateErasureDto, DataExportService, ErasureService } from '@loopwright/privacy';
import type { FastifyReply } from 'fastify';
import { formProblems } from '../admin/admin-form.js';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { candidatePath, CandidatesPage } from './candidates.page.js';
import type { ErasureFormValues } from './candidates.view.js';

const ERASURE_LABELS = { mode: 'How to erase', reason: 'Reason', confirm: 'Confirmation' };

/**
 * A candidate's privacy, for admins and recruiters: the legal hold, the erasure (a confirmation page, then
 * `POST /api/candidates/:id/erasure`'s service) and the download of everything held about them.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin', 'recruiter')
@Controller('app/candidates/:id')
export class CandidatePrivacyController {
  constructor(
    private readonly page: CandidatesPage,
    private readonly candidates: CandidatesService,
    private readonly erasure: ErasureService,
    private readonly dataExport: DataExportService,
  ) {}

  /** As `PATCH /api/candidates/:id {legalHold}`. */
  @Post('legal-hold')
  async legalHold(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const legalHold = formFields(body).get('legalHold') === 'true';
    await this.candidates.update(actor, id, { legalHold });
    void reply.redirect(`${candidatePath(id)}?notice=${legalHold ? 'held' : 'released'}#privacy`, HttpStatus.SEE_OTHER);
  }

  /** The confirmation step of an erasure: the mode, the reason, and a box to tick. */
  @Get('erasure')
  async erasureForm(@CurrentActor() actor: Actor, @IdParam() id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    await renderPage(reply, HttpStatus.OK, 'candidates-erase.hbs', await this.page.erasureForm(actor, id, request.url));
  }

  /** As `POST /api/candidates/:id/erasure`, once confirmed; then 303 to the candidate (anonymized) or the list (deleted). */
  @Post('erasure')
  async erase(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const values: ErasureFormValues = { mode: fields.get('mode') ?? '', reason: fields.get('reason') ?? '', confirm: fields.get('confirm') === 'yes' };
    const erased = async (): Promise<string> => {
      const input = await validatedInput(CreateErasureDto, { mode: values.mode || undefined, reason: values.reason });
      if (!values.confirm) throw new AppError('VALIDATION_FAILED', 'Tick the box to confirm', HttpStatus.BAD_REQUEST, { fields: [{ field: 'confirm', problems: ['tick the box: an erasure cannot be undone'] }] });
      const record = await this.erasure.erase(actor, id, input);
      return record.mode === 'delete' ? '/app/candidates' : `${candidatePath(id)}?notice=anonymized`;
    };
    await answerForm(
      reply,
      erased,
      async (error) => {
        const problems = formProblems(error, ERASURE_LABELS);
        await renderPage(reply, error.status, 'candidates-erase.hbs', await this.page.erasureForm(actor, id, `${candidatePath(id)}/erasure`, { values, ...problems }));
      },
      { forbidden: true },
    );
  }

  /** As `GET /api/candidates/:id/data-export`, as a file to keep. */
  @Get('data-export')
  @Header('Cache-Control', 'no-store')
  async download(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const data = await this.dataExport.export(actor, id);
    void reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="candidate-${id}-data.json"`)
      .send(JSON.stringify(data, null, 2));
  }
}

import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam, type AppError } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, type Actor } from '@loopwright/identity';
import { CreatePacketTemplateDto, PacketTemplatesService, UpdatePacketTemplateDto } from '@loopwright/packets';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { formProblems } from './admin-form.js';
import { sourceError, STARTER_SOURCE, TEMPLATES, TemplatesPages, type EditorProblems, type EditorValues } from './templates.page.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const templatePath = (id: string): string => `${TEMPLATES}/${id}`;

const NOTICES: Record<string, string> = { created: 'The template was created.', saved: 'A new version of the template was saved.' };

/** The editor's fields as posted (a loop id that is not one is left out, as if none was chosen). */
function postedEditor(fields: ReadonlyMap<string, string>, stored?: { format: string }): EditorValues {
  const loopId = fields.get('loopId') ?? '';
  const version = Number(fields.get('version'));
  return {
    name: fields.get('name') ?? '',
    format: stored?.format ?? fields.get('format') ?? '',
    // A form sends a text area's line breaks as CRLF; the API's templates (and a resave of the same text) have LF.
    source: (fields.get('source') ?? '').replace(/\r\n/g, '\n'),
    loopId: UUID.test(loopId) ? loopId : null,
    version: Number.isInteger(version) && version > 0 ? version : null,
  };
}

/** A refused save as the editor shows it: the source's line and column, the name's problem, or the sentence. */
function editorProblems(error: AppError): EditorProblems {
  if (error.code === 'TEMPLATE_INVALID') return { source: sourceError(error) };
  if (error.code === 'STALE_VERSION')
    return { problem: 'Someone saved this template since you opened it: your text is kept below; reload the page to see theirs.' };
  const problems = formProblems(error, { name: 'Name', source: 'Source', format: 'Format' });
  const source = problems.fieldErrors.source;
  return {
    ...(problems.fieldErrors.name ? { name: problems.fieldErrors.name } : {}),
    ...(source ? { source: { id: 'source-error', text: source, line: null, column: null } } : {}),
    ...(problems.problem || problems.fieldErrors.format ? { problem: [problems.fieldErrors.format, problems.problem].filter(Boolean).join('; ') } : {}),
  };
}

/**
 * Packet templates (admins, as `/api/packet-templates`): list, create, edit with a preview on a loop, delete. Each
 * editor form has two buttons: **Preview** (renders the text in the editor, saves nothing) and **Save**; with
 * JavaScript, htmx also posts the form as **Preview** a moment after typing stops and swaps in the new preview.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin')
@Controller('app/admin/templates')
export class AdminTemplatesController {
  constructor(
    private readonly pages: TemplatesPages,
    private readonly templates: PacketTemplatesService,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query('cursor') cursor: unknown, @Query('notice') notice: unknown, @Res() reply: FastifyReply): Promise<void> {
    const view = await this.pages.list(actor, typeof cursor === 'string' ? cursor : undefined, notice === 'deleted' ? 'The template was deleted.' : null);
    await renderPage(reply, HttpStatus.OK, 'admin-templates.hbs', view);
  }

  @Get('new')
  async newTemplate(@CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    const values: EditorValues = { name: '', format: 'html', source: STARTER_SOURCE, loopId: null, version: null };
    await renderPage(reply, HttpStatus.OK, 'admin-template.hbs', await this.pages.editor(actor, null, values, { withPreview: false }));
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const values = postedEditor(fields);
    if (fields.get('action') === 'preview') {
      await renderPage(reply, HttpStatus.OK, 'admin-template.hbs', await this.pages.editor(actor, null, values, { withPreview: true }));
      return;
    }
    const created = async (): Promise<string> => {
      const input = await validatedInput(CreatePacketTemplateDto, { name: values.name, format: values.format, source: values.source });
      return `${templatePath((await this.templates.create(actor, input)).id)}?notice=created`;
    };
    await answerForm(reply, created, (error) => this.refused(reply, error, actor, null, values));
  }

  @Get(':id')
  async edit(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query('loopId') loopId: unknown,
    @Query('notice') notice: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = await this.pages.stored(actor, id, typeof loopId === 'string' && UUID.test(loopId) ? loopId : null);
    const known = typeof notice === 'string' ? NOTICES[notice] : undefined;
    const view = await this.pages.editor(actor, id, values, { withPreview: true, ...(known ? { notice: known } : {}) });
    await renderPage(reply, HttpStatus.OK, 'admin-template.hbs', view);
  }

  /** `action=preview` renders the posted source (nothing saved); `action=save` saves it as the next version. */
  @Post(':id')
  async update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const stored = await this.templates.get(actor, id);
    const values = postedEditor(fields, stored);
    if (fields.get('action') === 'preview') {
      await renderPage(reply, HttpStatus.OK, 'admin-template.hbs', await this.pages.editor(actor, id, values, { withPreview: true }));
      return;
    }
    const saved = async (): Promise<string> => {
      const input = await validatedInput(UpdatePacketTemplateDto, {
        name: values.name,
        source: values.source,
        ...(values.version !== null ? { version: values.version } : {}),
      });
      await this.templates.update(actor, id, input);
      return `${templatePath(id)}?notice=saved${values.loopId ? `&loopId=${values.loopId}` : ''}`;
    };
    await answerForm(reply, saved, (error) => this.refused(reply, error, actor, id, values));
  }

  /** The editor again with the refused save's problems, and no preview. */
  private async refused(reply: FastifyReply, error: AppError, actor: Actor, id: string | null, values: EditorValues): Promise<void> {
    const view = await this.pages.editor(actor, id, values, { withPreview: false, problems: editorProblems(error) });
    await renderPage(reply, error.status, 'admin-template.hbs', view);
  }

  @Post(':id/delete')
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.templates.remove(actor, id);
    void reply.redirect(`${TEMPLATES}?notice=deleted`, HttpStatus.SEE_OTHER);
  }
}

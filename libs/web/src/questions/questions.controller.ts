import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam, validationFailed } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import {
  CreateQuestionDto,
  ExportQuestionsQueryDto,
  QuestionsService,
  QuestionTransferService,
  RetireQuestionDto,
  UpdateQuestionDto,
} from '@loopwright/question-bank';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { AcceptsMultipartForm, type MultipartBody, type UploadedFile } from '../http/multipart-form.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { QuestionDetailPage, type QuestionDetailState } from './question-detail.page.js';
import {
  EMPTY_QUESTION_FORM,
  formValuesOf,
  questionFormProblems,
  questionInputOf,
  readQuestionForm,
  type QuestionFormValues,
} from './question-form.js';
import { QuestionFormPage, type QuestionFormState } from './question-form.page.js';
import { importProblemRows, importSource, parseImportJson, type ImportFormat } from './question-import.js';
import { QuestionImportPage } from './question-import.page.js';
import { filtersOf, QuestionListPage } from './question-list.page.js';
import { questionHref, QUESTION_WRITERS } from './question-words.js';

const DETAIL_NOTICES = ['created', 'updated', 'unchanged', 'retired'] as const;

/**
 * The question bank's pages. Everyone reads (as `GET /api/questions*`); admins and hiring managers write (as the
 * API's writing routes). Every form is a plain POST answered with 303, or with the page again and the problem.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app/questions')
export class QuestionsPagesController {
  constructor(
    private readonly list: QuestionListPage,
    private readonly detail: QuestionDetailPage,
    private readonly form: QuestionFormPage,
    private readonly importPage: QuestionImportPage,
    private readonly questions: QuestionsService,
    private readonly transfer: QuestionTransferService,
  ) {}

  @Get()
  async search(
    @CurrentActor() actor: Actor,
    @Query() query: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { status, view } = await this.list.view(actor, request.url, query);
    await renderPage(reply, status, 'questions.hbs', view);
  }

  @Allow(...QUESTION_WRITERS)
  @Get('new')
  async newForm(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderForm(reply, HttpStatus.OK, actor, request.url, null, EMPTY_QUESTION_FORM);
  }

  /** As `POST /api/questions`. */
  @Allow(...QUESTION_WRITERS)
  @Post('new')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = readQuestionForm(body);
    await answerForm(
      reply,
      async () => {
        const input = await validatedInput(CreateQuestionDto, questionInputOf({ ...values, version: '' }));
        return `${questionHref((await this.questions.create(actor, input)).id)}?notice=created`;
      },
      (error) => this.renderForm(reply, error.status, actor, request.url, null, values, questionFormProblems(error)),
    );
  }

  @Allow(...QUESTION_WRITERS)
  @Get('import')
  async importForm(
    @CurrentActor() actor: Actor,
    @Query('imported') imported: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const count = typeof imported === 'string' && /^\d{1,6}$/.test(imported) ? Number(imported) : undefined;
    await renderPage(
      reply,
      HttpStatus.OK,
      'questions-import.hbs',
      await this.importPage.view(actor, request.url.split('?', 1)[0]!, count === undefined ? {} : { imported: count }),
    );
  }

  /**
   * As `POST /api/questions/import`: a JSON or CSV file (or pasted text), all rows or none; a refused import shows
   * every problem as a row of a table.
   */
  @Allow(...QUESTION_WRITERS)
  @Post('import')
  @AcceptsMultipartForm()
  async import(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    let pasted = '';
    let format: ImportFormat = 'csv';
    await answerForm(
      reply,
      async () => {
        const form = readImportForm(request, body);
        pasted = form.pasted;
        const source = importSource(form.file, form.pasted);
        format = source.format;
        const result =
          source.format === 'csv'
            ? await this.transfer.importCsv(actor, source.text)
            : await this.transfer.importQuestions(actor, parseImportJson(source.text));
        return `/app/questions/import?imported=${result.imported}`;
      },
      async (error) => {
        const view = await this.importPage.view(actor, request.url, { pasted, refused: importProblemRows(error, format) });
        await renderPage(reply, error.status, 'questions-import.hbs', view);
      },
    );
  }

  /** As `GET /api/questions/export` (JSON), with the list's status and pillar filters. */
  @Allow(...QUESTION_WRITERS)
  @Get('export.json')
  async exportJson(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const questions = await this.transfer.exportQuestions(actor, await exportFilters(query, 'json'));
    void download(reply, 'json', 'application/json; charset=utf-8').send(JSON.stringify(questions, null, 2));
  }

  /** As `GET /api/questions/export?format=csv`. */
  @Allow(...QUESTION_WRITERS)
  @Get('export.csv')
  async exportCsv(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const questions = await this.transfer.exportQuestions(actor, await exportFilters(query, 'csv'));
    void download(reply, 'csv', 'text/csv; charset=utf-8').send(this.transfer.toCsv(questions));
  }

  @Get(':id')
  async question(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { from, to, notice } = filtersOfDetail(query);
    const state: QuestionDetailState = {
      ...(from !== '' || to !== '' ? { compare: { from, to } } : {}),
      ...(DETAIL_NOTICES.find((value) => value === notice) ? { notice: notice as QuestionDetailState['notice'] } : {}),
    };
    await renderPage(reply, HttpStatus.OK, 'questions-detail.hbs', await this.detail.view(actor, id, request.url, state));
  }

  @Allow(...QUESTION_WRITERS)
  @Get(':id/edit')
  async editForm(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const question = await this.questions.get(actor, id);
    await this.renderForm(reply, HttpStatus.OK, actor, request.url, { id, title: question.title }, formValuesOf(question));
  }

  /** As `PATCH /api/questions/:id` with the version the form was opened at: a changed prompt, rubric or follow-ups make a new version. */
  @Allow(...QUESTION_WRITERS)
  @Post(':id/edit')
  async edit(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = readQuestionForm(body);
    const before = await this.questions.get(actor, id);
    const edited = async (): Promise<string> => {
      const input = await validatedInput(UpdateQuestionDto, questionInputOf(values));
      const after = await this.questions.update(actor, id, input);
      const notice = after.updatedAt.getTime() === before.updatedAt.getTime() ? 'unchanged' : 'updated';
      return `${questionHref(id)}?notice=${notice}`;
    };
    await answerForm(reply, edited, async (error) => {
      const stale = error.code === 'STALE_VERSION';
      const state: QuestionFormState = stale
        ? {
            stale: true,
            problem:
              'Someone changed this question since you opened the form. Your text is kept below; the page now edits the current version.',
          }
        : questionFormProblems(error);
      // After a conflict the form carries the current version, so that saving again is a deliberate overwrite.
      const kept: QuestionFormValues = stale ? { ...values, version: String((await this.questions.get(actor, id)).version) } : values;
      await this.renderForm(reply, error.status, actor, request.url, { id, title: before.title }, kept, state);
    });
  }

  /** As `POST /api/questions/:id/retire`. */
  @Allow(...QUESTION_WRITERS)
  @Post(':id/retire')
  async retire(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const reason = formFields(body).get('reason') ?? '';
    const retired = async (): Promise<string> => {
      await this.questions.retire(actor, id, await validatedInput(RetireQuestionDto, { reason }));
      return `${questionHref(id)}?notice=retired`;
    };
    await answerForm(reply, retired, async (error) => {
      const text = error.code === 'VALIDATION_FAILED' ? 'Say why the question is retired' : error.message;
      const view = await this.detail.view(actor, id, questionHref(id), { retire: { reason, error: text } });
      await renderPage(reply, error.status, 'questions-detail.hbs', view);
    });
  }

  private async renderForm(
    reply: FastifyReply,
    status: number,
    actor: Actor,
    path: string,
    question: { id: string; title: string } | null,
    values: QuestionFormValues,
    state: QuestionFormState = {},
  ): Promise<void> {
    const view = await this.form.view(actor, path, { questionId: question?.id ?? null, title: question?.title ?? null }, values, state);
    await renderPage(reply, status, 'questions-form.hbs', view);
  }
}

function download(reply: FastifyReply, extension: 'json' | 'csv', contentType: string): FastifyReply {
  const filename = `questions-${new Date().toISOString().slice(0, 10)}.${extension}`;
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${filename}"`);
}

async function exportFilters(query: unknown, format: 'json' | 'csv'): Promise<ExportQuestionsQueryDto> {
  const { status, pillar } = filtersOf(query);
  return validatedInput(ExportQuestionsQueryDto, { format, ...(status ? { status } : {}), ...(pillar ? { pillar } : {}) });
}

function filtersOfDetail(query: unknown): { from: string; to: string; notice: string } {
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const text = (name: string): string => (typeof raw[name] === 'string' ? (raw[name] as string) : '');
  return { from: text('from'), to: text('to'), notice: text('notice') };
}

/** The import form: the file input `file` and the text area `paste` (a urlencoded post, without a file, works too). */
function readImportForm(request: AuthenticatedRequest, body: unknown): { file: UploadedFile | undefined; pasted: string } {
  if (/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) {
    // The multipart parser answered only on this route (AcceptsMultipartForm), so the body is its reading.
    const form = body as MultipartBody;
    if (!form.readable) throw validationFailed([{ field: 'file', problems: [`The form could not be read: ${form.problem}`] }]);
    return { file: form.files.get('file'), pasted: form.fields.get('paste') ?? '' };
  }
  return { file: undefined, pasted: formFields(body).get('paste') ?? '' };
}

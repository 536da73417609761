import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { CreateQuestionDto } from './create-question.dto.js';
import { AcceptsCsvBody, isCsvRequest } from './csv.js';
import { ImportQuestionDto } from './import-question.dto.js';
import { ExportQuestionsQueryDto, ListQuestionsQueryDto } from './list-questions-query.dto.js';
import { ExportedQuestionDto, ImportResultDto, QuestionDto, QuestionPageDto, QuestionVersionDto } from './question.dto.js';
import { CSV_COLUMNS } from './question-csv.js';
import { MAX_IMPORT_ROWS, QuestionTransferService } from './question-transfer.service.js';
import { QuestionsService } from './questions.service.js';
import { RetireQuestionDto } from './retire-question.dto.js';
import { UpdateQuestionDto } from './update-question.dto.js';

@ApiTags('question bank')
@ApiExtraModels(ImportQuestionDto, ExportedQuestionDto)
@ApiBearerAuth()
@Controller('questions')
export class QuestionsController {
  constructor(
    private readonly questions: QuestionsService,
    private readonly transfer: QuestionTransferService,
  ) {}

  /** Searches and filters the bank; active questions only unless `status` says otherwise. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListQuestionsQueryDto): Promise<QuestionPageDto> {
    return this.questions.list(actor, query);
  }

  /**
   * The questions as JSON (an array `POST /api/questions/import` accepts) or, with `format=csv`, as RFC 4180 CSV:
   * one row per question, the rubric in four columns, tags and roles joined with `|`, follow-ups with line breaks,
   * a cell a spreadsheet would run as a formula prefixed with `'`. Both import back through `POST /api/questions/import`.
   */
  @Allow('admin', 'hiring_manager')
  @Get('export')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'JSON (`format=json`, the default) or RFC 4180 CSV with a header row (`format=csv`, with a `content-disposition: attachment` file name)',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(ExportedQuestionDto) } } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: ExportQuestionsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExportedQuestionDto[] | string> {
    const questions = await this.transfer.exportQuestions(actor, query);
    if (query.format !== 'csv') return questions;
    const filename = `questions-${new Date().toISOString().slice(0, 10)}.csv`;
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
    return this.transfer.toCsv(questions);
  }

  /** Imports questions as a JSON array or as the export's CSV: all of them, or none when any row is invalid. */
  @Allow('admin', 'hiring_manager')
  @Post('import')
  @AcceptsCsvBody()
  @ApiOperation({
    summary: 'Imports questions from JSON or CSV: all of them, or none when any row is invalid.',
    description:
      `At most ${MAX_IMPORT_ROWS} questions and 1 MB per import. ` +
      '`application/json`: an array of questions (pillar by `pillar` key or `pillarId`), as `GET /api/questions/export` gives; ' +
      'problems are named by array index and field path (`3.rubric.no`). ' +
      '`text/csv` (UTF-8): the CSV of `GET /api/questions/export?format=csv`, a header row naming the columns ' +
      `\`${CSV_COLUMNS.join(',')}\` (any order; \`followUps\`, \`tags\`, \`roles\` may be left out), then one question per row: ` +
      "follow-ups one per line, tags and roles joined with `|`, difficulty 1..5. A cell the export wrote with a leading `'` " +
      'before `=`, `+`, `-`, `@` (formula escaping) reads back without it. Blank rows are skipped. Problems are named by row, ' +
      'counted from 1 below the header, and column (`3.rubric_no`), or `header`. Either way a rejected import answers 400 ' +
      '`VALIDATION_FAILED` with every problem in `details.fields`, and nothing is imported.',
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(ImportQuestionDto) } } },
        'text/csv': {
          schema: { type: 'string' },
          example:
            `${CSV_COLUMNS.join(',')}\r\n` +
            'coding,Deduplicate a stream,Write a function that deduplicates a stream.,Nothing.,Little.,Solid.,Deep.,' +
            '"What if it does not fit in memory?\nWhat if it is unbounded?",streams|hashing,3,ai_engineer|ml_engineer\r\n',
        },
      },
    },
  })
  import(
    @CurrentActor() actor: Actor,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<ImportResultDto> {
    // An empty body skips the parser; as CSV it is a file without its header row.
    if (isCsvRequest(contentType)) return this.transfer.importCsv(actor, typeof body === 'string' ? body : '');
    return this.transfer.importQuestions(actor, body);
  }

  /** Adds a question with its first version. */
  @Allow('admin', 'hiring_manager')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateQuestionDto): Promise<QuestionDto> {
    return this.questions.create(actor, body);
  }

  /** The question with its current version and exposure stats. */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<QuestionDto> {
    return this.questions.get(actor, id);
  }

  /** Edits a question; a change of prompt, rubric or follow-ups makes a new version. */
  @Allow('admin', 'hiring_manager')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateQuestionDto): Promise<QuestionDto> {
    return this.questions.update(actor, id, body);
  }

  /** Every version of the question, newest first. */
  @Get(':id/versions')
  versions(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<QuestionVersionDto[]> {
    return this.questions.versions(actor, id);
  }

  /** Retires the question with a reason (`leaked`, `too easy`...): it stays readable but is never planned again. */
  @Allow('admin', 'hiring_manager')
  @Post(':id/retire')
  @HttpCode(HttpStatus.OK)
  retire(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: RetireQuestionDto): Promise<QuestionDto> {
    return this.questions.retire(actor, id, body);
  }
}

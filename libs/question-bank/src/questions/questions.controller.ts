import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { CreateQuestionDto } from './create-question.dto.js';
import { ImportQuestionDto } from './import-question.dto.js';
import { ExportQuestionsQueryDto, ListQuestionsQueryDto } from './list-questions-query.dto.js';
import { ExportedQuestionDto, ImportResultDto, QuestionDto, QuestionPageDto, QuestionVersionDto } from './question.dto.js';
import { QuestionTransferService } from './question-transfer.service.js';
import { QuestionsService } from './questions.service.js';
import { RetireQuestionDto } from './retire-question.dto.js';
import { UpdateQuestionDto } from './update-question.dto.js';

@ApiTags('question bank')
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
   * one row per question, the rubric in four columns, tags and roles joined with `|`, follow-ups with line breaks.
   */
  @Allow('admin', 'hiring_manager')
  @Get('export')
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(ExportedQuestionDto)
  @ApiOkResponse({
    description: 'JSON (`format=json`, the default) or RFC 4180 CSV with a header row (`format=csv`)',
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

  /** Imports an array of questions (pillar by `pillar` key or `pillarId`): all of them, or none when any row is invalid. */
  @Allow('admin', 'hiring_manager')
  @Post('import')
  @ApiBody({ type: [ImportQuestionDto] })
  import(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<ImportResultDto> {
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

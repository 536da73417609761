import { Body, Controller, Get, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, STAFF_ROLES, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { CandidatesService, ListCandidatesQueryDto } from '@loopwright/loops';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { postedValues } from '../people/form-fields.js';
import { candidateValues, CONFLICT_LABELS, toConflictInput, toCreateInput, toUpdateInput, type ConflictField } from './candidate-form.js';
import { candidatePath, CandidatesPage } from './candidates.page.js';
import type { CandidateFormView, CandidateListView, CandidateNotice, CandidateView } from './candidates.view.js';

const NOTICES: readonly CandidateNotice[] = ['created', 'saved', 'conflict', 'held', 'released', 'anonymized'];
const CONFLICT_FIELDS = Object.keys(CONFLICT_LABELS) as ConflictField[];

/**
 * The candidate pages (staff, as `/api/candidates`): the list with search, a new candidate, a candidate with their
 * loops and conflicts of interest, the edit form, and declaring a conflict. Forms post, then 303 to the candidate's
 * page; a refusal renders the form again with what was posted and the problem next to its field.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow(...STAFF_ROLES)
@Controller('app/candidates')
export class CandidatesController {
  constructor(
    private readonly page: CandidatesPage,
    private readonly candidates: CandidatesService,
  ) {}

  @Get()
  @Render('candidates.hbs')
  list(@CurrentActor() actor: Actor, @Query() query: ListCandidatesQueryDto, @Req() request: AuthenticatedRequest): Promise<CandidateListView> {
    return this.page.list(actor, request.url, query);
  }

  @Get('new')
  @Render('candidates-form.hbs')
  newForm(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest): Promise<CandidateFormView> {
    return this.page.createForm(actor, request.url);
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = candidateValues(formFields(body));
    await answerForm(
      reply,
      async () => `${candidatePath((await this.candidates.create(actor, await toCreateInput(values))).id)}?notice=created`,
      async (error) => renderPage(reply, error.status, 'candidates-form.hbs', await this.page.createForm(actor, '/app/candidates/new', values, error)),
      { forbidden: true },
    );
  }

  @Get(':id')
  @Render('candidates-show.hbs')
  candidate(@CurrentActor() actor: Actor, @IdParam() id: string, @Query('notice') notice: unknown, @Req() request: AuthenticatedRequest): Promise<CandidateView> {
    const known = NOTICES.find((value) => value === notice);
    return this.page.view(actor, id, request.url, known ? { notice: known } : {});
  }

  @Get(':id/edit')
  @Render('candidates-form.hbs')
  editForm(@CurrentActor() actor: Actor, @IdParam() id: string, @Req() request: AuthenticatedRequest): Promise<CandidateFormView> {
    return this.page.editForm(actor, id, request.url);
  }

  @Post(':id')
  async update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = candidateValues(formFields(body));
    const updated = async (): Promise<string> => {
      await this.candidates.update(actor, id, await toUpdateInput(values));
      return `${candidatePath(id)}?notice=saved`;
    };
    await answerForm(
      reply,
      updated,
      async (error) => renderPage(reply, error.status, 'candidates-form.hbs', await this.page.editForm(actor, id, `${candidatePath(id)}/edit`, { values, error })),
      { forbidden: true },
    );
  }

  /** As `POST /api/candidates/:id/conflicts`: anyone their own conflict, admins and recruiters anyone's. */
  @Post(':id/conflicts')
  async declareConflict(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = postedValues(formFields(body), CONFLICT_FIELDS);
    const declared = async (): Promise<string> => {
      await this.candidates.declareConflict(actor, id, await toConflictInput(values));
      return `${candidatePath(id)}?notice=conflict#conflicts`;
    };
    await answerForm(
      reply,
      declared,
      async (error) => renderPage(reply, error.status, 'candidates-show.hbs', await this.page.view(actor, id, candidatePath(id), { conflict: { values, error } })),
      { forbidden: true },
    );
  }
}

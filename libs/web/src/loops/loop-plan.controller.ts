import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppError, IdParam, notFound } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, UsersService, type Actor } from '@loopwright/identity';
import { ListQuestionsQueryDto, QuestionsService } from '@loopwright/question-bank';
import { RoundsService, UpdateRoundDto, type LoopRoundDto } from '@loopwright/loops';
import type {} from '@fastify/view';
import type { FastifyReply } from 'fastify';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { LoopPlanPage } from './loop-plan.page.js';
import { PLAN_NOTICES, type LoopPlanState, type PlanNotice, type ScheduleValues } from './loop-plan.view.js';
import { loopPath, roundAnchor } from './loop-words.js';
import { choiceOf, idOf, scheduleChange, scheduleValuesOf } from './round-forms.js';

const SEARCH_LIMIT = 50;

/** A form that adds to or removes from one of a round's lists (its shadows, its planned questions). */
interface ListForm {
  idField: string;
  missing: string;
  current: (round: LoopRoundDto) => string[];
  change: (ids: string[]) => Record<string, unknown>;
  notices: Record<'add' | 'remove', PlanNotice>;
}

const LIST_FORMS = {
  shadows: {
    idField: 'userId',
    missing: 'Choose a shadow',
    current: (round) => round.shadowInterviewerIds,
    change: (ids) => ({ shadowInterviewerIds: ids }),
    notices: { add: 'shadow-added', remove: 'shadow-removed' },
  },
  questions: {
    idField: 'questionId',
    missing: 'Choose a question',
    current: (round) => round.questionIds,
    change: (ids) => ({ questionIds: ids }),
    notices: { add: 'question-added', remove: 'question-removed' },
  },
} satisfies Record<string, ListForm>;

const noticeOf = (value: unknown): PlanNotice | undefined =>
  (Object.keys(PLAN_NOTICES) as PlanNotice[]).find((notice) => notice === value);

/**
 * The loop plan and its per-round forms. Every form is a POST that changes the round through RoundsService, as
 * `PATCH /api/loops/:id/rounds/:roundId` does (the assignment rules are its own), then 303 back to the round; a
 * refusal (400, 409) renders the plan again with the refusal in words next to the round.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin', 'hiring_manager', 'recruiter')
@Controller('app/loops/:id')
export class LoopPlanController {
  constructor(
    private readonly page: LoopPlanPage,
    private readonly rounds: RoundsService,
    private readonly questions: QuestionsService,
    private readonly users: UsersService,
  ) {}

  /** The plan; `searchRound` + `q` search the bank for that round (the same page, for htmx to take the results from). */
  @Get()
  async plan(
    @CurrentActor() actor: Actor,
    @IdParam() loopId: string,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const state: LoopPlanState = {};
    const notice = noticeOf(query.notice);
    if (typeof query.round === 'string' && notice) Object.assign(state, { roundId: query.round, notice });
    if (query.notice === 'removed') state.loopNotice = 'Round removed.';
    if (query.notice === 'created') state.loopNotice = 'Loop created. Schedule its rounds and assign interviewers below.';
    if (typeof query.searchRound === 'string' && typeof query.q === 'string') {
      const search = await validatedInput(ListQuestionsQueryDto, { q: query.q, limit: String(SEARCH_LIMIT) });
      const results = search.q?.trim() ? (await this.questions.list(actor, search)).items : [];
      Object.assign(state, { roundId: query.searchRound, search: { q: query.q, results } });
    }
    await this.render(reply, HttpStatus.OK, actor, loopId, state);
  }

  @Post('rounds/:roundId/schedule')
  async schedule(
    @CurrentActor() actor: Actor,
    @IdParam() loopId: string,
    @IdParam('roundId') roundId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = scheduleValuesOf(formFields(body));
    await this.change(actor, loopId, roundId, reply, 'scheduled', async () => scheduleChange(values, (await this.users.me(actor)).timezone), values);
  }

  @Post('rounds/:roundId/interviewer')
  async interviewer(
    @CurrentActor() actor: Actor,
    @IdParam() loopId: string,
    @IdParam('roundId') roundId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const fields = formFields(body);
    const action = choiceOf(fields, 'action', ['assign', 'unassign'] as const);
    await this.change(actor, loopId, roundId, reply, action === 'assign' ? 'assigned' : 'unassigned', () =>
      validatedInput(UpdateRoundDto, { interviewerId: action === 'assign' ? idOf(fields, 'interviewerId', 'Choose an interviewer') : null }),
    );
  }

  @Post('rounds/:roundId/shadows')
  async shadows(
    @CurrentActor() actor: Actor,
    @IdParam() loopId: string,
    @IdParam('roundId') roundId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.editList(LIST_FORMS.shadows, actor, loopId, roundId, body, reply);
  }

  @Post('rounds/:roundId/questions')
  async plannedQuestions(
    @CurrentActor() actor: Actor,
    @IdParam() loopId: string,
    @IdParam('roundId') roundId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.editList(LIST_FORMS.questions, actor, loopId, roundId, body, reply);
  }

  @Post('rounds/:roundId/move')
  async move(
    @CurrentActor() actor: Actor,
    @IdParam() loopId: string,
    @IdParam('roundId') roundId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const direction = choiceOf(formFields(body), 'direction', ['up', 'down'] as const);
    await this.answer(actor, loopId, roundId, reply, 'moved', () => this.rounds.move(actor, loopId, roundId, direction));
  }

  @Post('rounds/:roundId/remove')
  async remove(
    @CurrentActor() actor: Actor,
    @IdParam() loopId: string,
    @IdParam('roundId') roundId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.answer(actor, loopId, roundId, reply, 'removed', () => this.rounds.remove(actor, loopId, roundId));
  }

  /** Adds the posted id to one of the round's lists, or removes it, as a change of the whole list. */
  private async editList(form: ListForm, actor: Actor, loopId: string, roundId: string, body: unknown, reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const action = choiceOf(fields, 'action', ['add', 'remove'] as const);
    const id = idOf(fields, form.idField, form.missing);
    await this.change(actor, loopId, roundId, reply, form.notices[action], async () => {
      const round = (await this.page.loop(actor, loopId)).rounds.find((candidate) => candidate.id === roundId);
      if (!round) throw notFound('Round');
      const current = form.current(round);
      return validatedInput(UpdateRoundDto, form.change(action === 'add' ? [...new Set([...current, id])] : current.filter((item) => item !== id)));
    });
  }

  private change(
    actor: Actor,
    loopId: string,
    roundId: string,
    reply: FastifyReply,
    notice: PlanNotice,
    input: () => Promise<UpdateRoundDto>,
    schedule?: ScheduleValues,
  ): Promise<void> {
    return this.answer(actor, loopId, roundId, reply, notice, async () => this.rounds.update(actor, loopId, roundId, await input()), schedule);
  }

  /** Runs the change; 303 to the round (or the plan after a removal), or the plan again with the refusal next to the round. */
  private async answer(
    actor: Actor,
    loopId: string,
    roundId: string,
    reply: FastifyReply,
    notice: PlanNotice | 'removed',
    run: () => Promise<unknown>,
    schedule?: ScheduleValues,
  ): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== HttpStatus.BAD_REQUEST && error.status !== HttpStatus.CONFLICT)) throw error;
      await this.render(reply, error.status, actor, loopId, { roundId, error, ...(schedule ? { schedule } : {}) });
      return;
    }
    const target =
      notice === 'removed' ? `${loopPath(loopId)}?notice=removed#rounds-heading` : `${loopPath(loopId)}?notice=${notice}&round=${roundId}#${roundAnchor(roundId)}`;
    void reply.redirect(target, HttpStatus.SEE_OTHER);
  }

  private async render(reply: FastifyReply, status: number, actor: Actor, loopId: string, state: LoopPlanState): Promise<void> {
    const view = await this.page.view(actor, loopId, loopPath(loopId), state);
    const html = await reply.viewAsync('loop-plan.hbs', view);
    void reply.status(status).send(html);
  }
}

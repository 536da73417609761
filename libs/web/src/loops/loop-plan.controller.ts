import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam, notFound } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, UsersService, type Actor } from '@loopwright/identity';
import { ListQuestionsQueryDto, QuestionsService } from '@loopwright/question-bank';
import { RoundsService, UpdateRoundDto, type LoopRoundDto } from '@loopwright/loops';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
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

/** A round form's change: what it runs, the notice it answers with, the schedule values a refusal shows again. */
interface RoundChange {
  notice: PlanNotice | 'removed';
  run: () => Promise<unknown>;
  schedule?: ScheduleValues;
}

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

  /** One of the round's forms (`schedule`, `interviewer`, `shadows`, `questions`, `move`, `remove`); another name is 404. */
  @Post('rounds/:roundId/:form')
  async roundForm(
    @CurrentActor() actor: Actor,
    @IdParam() loopId: string,
    @IdParam('roundId') roundId: string,
    @Param('form') form: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const fields = formFields(body);
    await this.answer(actor, loopId, roundId, reply, this.roundChange(form, actor, loopId, roundId, fields));
  }

  /** What a round form asks for. A malformed `action`/`direction` is a 400 for the exception filter, not a refusal shown on the plan. */
  private roundChange(form: string, actor: Actor, loopId: string, roundId: string, fields: Map<string, string>): RoundChange {
    const update = (notice: PlanNotice, input: () => Promise<UpdateRoundDto>, schedule?: ScheduleValues): RoundChange => ({
      notice,
      run: async () => this.rounds.update(actor, loopId, roundId, await input()),
      ...(schedule ? { schedule } : {}),
    });
    switch (form) {
      case 'schedule': {
        const values = scheduleValuesOf(fields);
        return update('scheduled', async () => scheduleChange(values, (await this.users.me(actor)).timezone), values);
      }
      case 'interviewer': {
        const action = choiceOf(fields, 'action', ['assign', 'unassign'] as const);
        return update(action === 'assign' ? 'assigned' : 'unassigned', () =>
          validatedInput(UpdateRoundDto, { interviewerId: action === 'assign' ? idOf(fields, 'interviewerId', 'Choose an interviewer') : null }),
        );
      }
      case 'shadows':
      case 'questions': {
        const list: ListForm = LIST_FORMS[form];
        const action = choiceOf(fields, 'action', ['add', 'remove'] as const);
        const id = idOf(fields, list.idField, list.missing);
        return update(list.notices[action], async () => {
          const round = (await this.page.loop(actor, loopId)).rounds.find((candidate) => candidate.id === roundId);
          if (!round) throw notFound('Round');
          const current = list.current(round);
          return validatedInput(UpdateRoundDto, list.change(action === 'add' ? [...new Set([...current, id])] : current.filter((item) => item !== id)));
        });
      }
      case 'move': {
        const direction = choiceOf(fields, 'direction', ['up', 'down'] as const);
        return { notice: 'moved', run: () => this.rounds.move(actor, loopId, roundId, direction) };
      }
      case 'remove':
        return { notice: 'removed', run: () => this.rounds.remove(actor, loopId, roundId) };
      default:
        throw notFound('Page');
    }
  }

  /** Runs the change; 303 to the round (or the plan after a removal), or the plan again with the refusal next to the round. */
  private async answer(actor: Actor, loopId: string, roundId: string, reply: FastifyReply, { notice, run, schedule }: RoundChange): Promise<void> {
    const target =
      notice === 'removed' ? `${loopPath(loopId)}?notice=removed#rounds-heading` : `${loopPath(loopId)}?notice=${notice}&round=${roundId}#${roundAnchor(roundId)}`;
    await answerForm(
      reply,
      async () => {
        await run();
        return target;
      },
      (error) => this.render(reply, error.status, actor, loopId, { roundId, error, ...(schedule ? { schedule } : {}) }),
    );
  }

  private async render(reply: FastifyReply, status: number, actor: Actor, loopId: string, state: LoopPlanState): Promise<void> {
    const view = await this.page.view(actor, loopId, loopPath(loopId), state);
    await renderPage(reply, status, 'loop-plan.hbs', view);
  }
}

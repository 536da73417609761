import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppError, IdParam } from '@loopwright/core';
import { BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { NotAttended } from '@loopwright/notifications';
import { ScorecardsService, type PillarRating, type ScorecardDto } from '@loopwright/scorecards';
import type { FastifyReply } from 'fastify';
import { answerForm, isFormRefusal } from '../http/form-answer.js';
import { formFields } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { RoundPage } from './round.page.js';
import type { RoundNotice, RoundPageState } from './round.view.js';
import { amendProblems, scorecardProblems } from './scorecard-errors.js';
import { readAmendForm, readScorecardForm, toAmendInput, toSaveInput, type AmendValues, type PostedScorecard } from './scorecard-form.js';

const NOTICES: readonly RoundNotice[] = ['saved', 'submitted', 'amended', 'not-attended'];

/** Autosave's answer says what happened, for the page's script: `saved` (with the new version), `conflict` or `refused`. */
export const AUTOSAVE_RESULT_HEADER = 'x-autosave-result';
export const SCORECARD_VERSION_HEADER = 'x-scorecard-version';

const pagePath = (roundId: string): string => `/app/rounds/${roundId}`;

/**
 * The round page and its forms. Every form works without JavaScript (POST, then 303 back to the page, or the page
 * again with what was posted and what is wrong); autosave (htmx, `HX-Request`) posts the changed fields to the same
 * route and gets a header back instead of a redirect. Saving, submitting and amending go through ScorecardsService,
 * as the API's routes do.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app/rounds')
export class RoundsController {
  constructor(
    private readonly page: RoundPage,
    private readonly scorecards: ScorecardsService,
    private readonly notAttended: NotAttended,
  ) {}

  /** As `GET /api/rounds/:id/kit`: the round's interviewer, its shadows and staff (404 for anyone else). */
  @Get(':roundId')
  async round(
    @CurrentActor() actor: Actor,
    @IdParam('roundId') roundId: string,
    @Query('notice') notice: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const known = NOTICES.find((value) => value === notice);
    await this.render(reply, HttpStatus.OK, actor, roundId, known ? { notice: known } : {});
  }

  /**
   * The scorecard form: `action=save` (Save draft; also autosave), `submit` (saves what the form holds, then submits
   * at the saved version) or `load-theirs` (after a conflict: the stored draft into the form, this tab's text kept
   * beside it).
   */
  @Post(':roundId/scorecard')
  async scorecard(
    @CurrentActor() actor: Actor,
    @IdParam('roundId') roundId: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const autosave = request.headers['hx-request'] === 'true';
    let posted: PostedScorecard;
    try {
      posted = readScorecardForm(body);
    } catch (error) {
      if (autosave) void reply.header(AUTOSAVE_RESULT_HEADER, 'refused');
      throw error;
    }
    if (posted.action === 'load-theirs' && !autosave) {
      await this.render(reply, HttpStatus.OK, actor, roundId, { notice: 'loaded', kept: posted.values });
      return;
    }
    const saved = await this.save(actor, roundId, posted, reply, autosave);
    if (!saved) return;
    if (autosave) {
      void reply
        .header(AUTOSAVE_RESULT_HEADER, 'saved')
        .header(SCORECARD_VERSION_HEADER, String(saved.version))
        .status(HttpStatus.OK)
        .send('');
      return;
    }
    if (posted.action === 'save') {
      void reply.redirect(`${pagePath(roundId)}?notice=saved#your-scorecard`, HttpStatus.SEE_OTHER);
      return;
    }
    try {
      await this.scorecards.submit(actor, roundId, { version: saved.version });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === HttpStatus.UNAUTHORIZED) throw error;
      const context = await this.page.context(actor, roundId);
      const problems = scorecardProblems(error, {
        ...context,
        pillarOrder: [],
        questionOrder: [],
        savedRatings: new Map(saved.ratings.map((rating) => [rating.pillarId, rating.rating])),
      });
      const state: RoundPageState =
        error.code === 'STALE_VERSION'
          ? { posted: posted.values, version: saved.version, conflict: true }
          : { version: saved.version, ...problems };
      await this.render(reply, error.status, actor, roundId, state);
      return;
    }
    void reply.redirect(`${pagePath(roundId)}?notice=submitted#your-scorecard`, HttpStatus.SEE_OTHER);
  }

  /** The amendment form of a submitted scorecard (`POST /api/rounds/:id/scorecard/amendments`). */
  @Post(':roundId/scorecard/amendments')
  async amend(
    @CurrentActor() actor: Actor,
    @IdParam('roundId') roundId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values: AmendValues = readAmendForm(body);
    const context = await this.page.context(actor, roundId);
    let pillarOrder: string[] = [];
    try {
      const mine = await this.scorecards.mine(actor, roundId);
      const current = new Map<string, PillarRating | null>(mine.effective.ratings.map((rating) => [rating.pillarId, rating.rating]));
      const amendment = await toAmendInput(values, current);
      pillarOrder = amendment.pillarOrder;
      await this.scorecards.amend(actor, roundId, amendment.input);
    } catch (error) {
      if (
        !(error instanceof AppError) ||
        error.status >= 500 ||
        error.status === HttpStatus.UNAUTHORIZED ||
        error.status === HttpStatus.NOT_FOUND
      )
        throw error;
      const problems = amendProblems(error, { pillarNames: context.pillarNames, pillarOrder });
      await this.render(reply, error.status, actor, roundId, { amend: { posted: values, ...problems } });
      return;
    }
    void reply.redirect(`${pagePath(roundId)}?notice=amended#your-scorecard`, HttpStatus.SEE_OTHER);
  }

  /**
   * "I did not attend" (`POST /api/rounds/:id/not-attended`), confirmed by its checkbox: 303 back to the page, which
   * then says what happened and offers nothing to fill; unconfirmed or refused (409), the page again saying why.
   */
  @Post(':roundId/not-attended')
  async notAttendedForm(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    if (formFields(body).get('confirm') !== 'yes') {
      await this.render(reply, HttpStatus.BAD_REQUEST, actor, roundId, { attendanceError: 'Tick the box to confirm that you were not at this interview.' });
      return;
    }
    await answerForm(
      reply,
      async () => {
        await this.notAttended.say(actor, roundId);
        return `${pagePath(roundId)}?notice=not-attended#attendance-heading`;
      },
      (error) => this.render(reply, error.status, actor, roundId, { attendanceError: error.message }),
    );
  }

  /**
   * Saves what the form sent. Null when it was refused: the page (or, for autosave, its alerts) was then answered with
   * what was posted kept in the form: a stale version as the conflict alert, anything else as the problem in words.
   */
  private async save(
    actor: Actor,
    roundId: string,
    posted: PostedScorecard,
    reply: FastifyReply,
    autosave: boolean,
  ): Promise<ScorecardDto | null> {
    let order = { pillarOrder: [] as string[], questionOrder: [] as string[] };
    try {
      const { input, ...lists } = await toSaveInput(posted);
      order = lists;
      return await this.scorecards.save(actor, roundId, input);
    } catch (error) {
      const answerable = isFormRefusal(error);
      // Submitted in another tab meanwhile: like a stale version, autosave stops and what was typed here is kept.
      const submittedElsewhere = answerable && error.code === 'SCORECARD_SUBMITTED';
      const stopsAutosave = answerable && (error.code === 'STALE_VERSION' || submittedElsewhere);
      if (autosave) void reply.header(AUTOSAVE_RESULT_HEADER, stopsAutosave ? 'conflict' : 'refused');
      if (!answerable) throw error;
      if (submittedElsewhere) {
        await this.render(reply, error.status, actor, roundId, { unsaved: { values: posted.values, autosave } });
        return null;
      }
      const base: RoundPageState = { posted: posted.values, version: posted.version };
      let state: RoundPageState = { ...base, conflict: true };
      if (error.code !== 'STALE_VERSION') {
        const problems = scorecardProblems(error, { ...(await this.page.context(actor, roundId)), ...order, savedRatings: new Map() });
        // Autosave shows only the alerts: what is wrong with a field is said there too.
        const problem = autosave ? [problems.problem, ...problems.fieldErrors.values()].filter(Boolean).join(' ') : problems.problem;
        state = { ...base, ...problems, ...(problem ? { problem } : {}) };
      }
      await this.render(reply, error.status, actor, roundId, state);
      return null;
    }
  }

  private async render(reply: FastifyReply, status: number, actor: Actor, roundId: string, state: RoundPageState): Promise<void> {
    const view = await this.page.view(actor, roundId, pagePath(roundId), state);
    await renderPage(reply, status, 'detached' in view ? 'round-detached.hbs' : 'round.hbs', view);
  }
}

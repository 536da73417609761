import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, Clock, notFound } from '@loopwright/core';
import { isStaff, UsersService, type Actor } from '@loopwright/identity';
import { KitsService, type InterviewKitDto, type RoundContextRow } from '@loopwright/loops';
import { PacketTemplateEngine } from '@loopwright/packets';
import { PillarsService } from '@loopwright/question-bank';
import { ScorecardsService, type ScorecardDto } from '@loopwright/scorecards';
import { shellFor } from '../shell/shell.js';
import { RenderedMarkdownCache } from './markdown-cache.js';
import { buildDetachedDraftView, buildRoundView, type DetachedDraftView, type RoundPageState, type RoundView } from './round.view.js';

const INTERVIEWS_PATH = '/app/interviews';
const LOOPS_PATH = '/app/loops';

/** What a form handler needs to know about the round to read its post and word its problems. */
export interface RoundContext {
  kit: InterviewKitDto;
  pillarNames: Map<string, string>;
  questionTitles: Map<string, string>;
}

/**
 * `GET /app/rounds/:roundId`: the kit and my scorecard, from the same services as `GET /api/rounds/:id/kit`,
 * `GET /api/rounds/:id/scorecard` and `GET /api/loops/:id/scorecards` (the blind rule and draft privacy are theirs).
 * Statements do not grow with the number of questions (the kit reads them in bulk), and the round is read once.
 */
@Injectable()
export class RoundPage {
  private readonly renderedPrompts = new RenderedMarkdownCache();

  constructor(
    private readonly users: UsersService,
    private readonly kits: KitsService,
    private readonly scorecards: ScorecardsService,
    private readonly pillars: PillarsService,
    private readonly packets: PacketTemplateEngine,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async view(actor: Actor, roundId: string, path: string, state: RoundPageState = {}): Promise<RoundView | DetachedDraftView> {
    const [me, [kit, scorecard], markdown] = await Promise.all([
      this.users.me(actor),
      // The round read once, for the kit and for my scorecard (each would read it).
      this.kits.round(actor, roundId).then((round) =>
        Promise.all([
          this.kits.kitOf(actor, round).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
            throw error;
          }),
          this.myScorecard(actor, roundId, round),
        ]),
      ),
      this.packets.markdownRenderer(),
    ]);
    if (!kit) {
      // Off the round: only a draft they kept is still theirs to read (as the API's scorecard route); else the 404.
      if (!scorecard?.detached) throw notFound('Round');
      const pillars = await this.pillars.list(actor);
      return buildDetachedDraftView({
        shell: shellFor(actor, path, me.name, INTERVIEWS_PATH),
        timeZone: me.timezone,
        draft: scorecard,
        pillarNames: new Map(pillars.map((pillar) => [pillar.id, pillar.name])),
      });
    }
    const submitted = scorecard?.status === 'submitted';
    const [others, pillars] = submitted
      ? await Promise.all([this.othersFor(actor, kit.round.loopId, scorecard.authorId), this.pillars.list(actor)])
      : [null, []];
    return buildRoundView({
      // The round's interviewer and shadows came from My interviews; staff reading a kit, from a loop.
      shell: shellFor(actor, path, me.name, scorecard ? INTERVIEWS_PATH : LOOPS_PATH),
      timeZone: me.timezone,
      kit,
      scorecard,
      others,
      pillarNames: new Map(pillars.map((pillar) => [pillar.id, pillar.name])),
      renderMarkdown: (source) => this.renderedPrompts.render(source, (text) => markdown.render(text)),
      now: this.clock.now(),
      autosaveDelayMs: this.config.autosaveDelayMs,
      state,
    });
  }

  /** The kit (access as `GET /api/rounds/:id/kit`), with the names the forms' problems are worded with. */
  async context(actor: Actor, roundId: string): Promise<RoundContext> {
    const kit = await this.kits.kit(actor, roundId);
    return {
      kit,
      pillarNames: new Map(kit.pillars.map((pillar) => [pillar.id, pillar.name])),
      questionTitles: new Map(kit.questions.map((question) => [question.questionId, question.title])),
    };
  }

  /** My scorecard of the round; null for staff who are not on it (the API answers them 403: no scorecard of theirs). */
  private async myScorecard(actor: Actor, roundId: string, round: RoundContextRow | null): Promise<ScorecardDto | null> {
    try {
      return await this.scorecards.mine(actor, roundId, { round });
    } catch (error) {
      if (error instanceof AppError && error.code === 'FORBIDDEN' && isStaff(actor)) return null;
      throw error;
    }
  }

  /** The others' submitted scorecards exactly as `GET /api/loops/:id/scorecards` gives them to me; null while it refuses (SUBMIT_YOURS_FIRST). */
  private async othersFor(actor: Actor, loopId: string, myId: string): Promise<ScorecardDto[] | null> {
    try {
      return (await this.scorecards.forLoop(actor, loopId, false, 'page')).filter((card) => card.authorId !== myId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SUBMIT_YOURS_FIRST') return null;
      throw error;
    }
  }
}

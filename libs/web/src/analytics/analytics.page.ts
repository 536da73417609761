import { Injectable } from '@nestjs/common';
import { Clock } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import { ListPositionsQueryDto, PositionsService } from '@loopwright/loops';
import { PillarsService } from '@loopwright/question-bank';
import { AnalyticsService, type AnalyticsScope } from '@loopwright/scorecards';
import { shellFor } from '../shell/shell.js';
import { zonedTime } from '../time/zoned-time.js';
import {
  analyticsFilters,
  calibrationPillars,
  describeSort,
  flagSummary,
  interviewerSummaries,
  questionHeaders,
  periodStart,
  questionRows,
  type AnalyticsState,
  type AnalyticsView,
} from './analytics.view.js';

/** The newest positions offered by the filter. */
const POSITION_CHOICES = 200;

export const ANALYTICS_PATH = '/app/analytics';

/** `GET /app/analytics`: the API's interviewer and question analytics, as charts and tables. */
@Injectable()
export class AnalyticsPage {
  constructor(
    private readonly users: UsersService,
    private readonly analytics: AnalyticsService,
    private readonly pillars: PillarsService,
    private readonly positions: PositionsService,
    private readonly clock: Clock,
  ) {}

  async view(actor: Actor, path: string, state: AnalyticsState): Promise<AnalyticsView> {
    const from = periodStart(state.period, this.clock.now());
    const scope: AnalyticsScope = { ...(state.positionId ? { positionId: state.positionId } : {}), ...(from ? { from } : {}) };
    const [me, interviewers, questions, pillars, positions] = await Promise.all([
      this.users.me(actor),
      this.analytics.interviewers(actor, undefined, scope),
      this.analytics.questions(actor, undefined, scope),
      this.pillars.list(actor),
      this.positions.list(actor, Object.assign(new ListPositionsQueryDto(), { limit: POSITION_CHOICES })),
    ]);
    const questionTable = questionRows(questions, new Map(pillars.map((pillar) => [pillar.id, pillar.name])), state.sort, me.timezone);
    return {
      title: 'Analytics',
      shell: shellFor(actor, path, me.name),
      filters: analyticsFilters(ANALYTICS_PATH, state, positions.items),
      minCount: interviewers.minCount,
      hasScorecards: interviewers.items.length > 0,
      pillars: calibrationPillars(interviewers, pillars),
      interviewers: interviewerSummaries(interviewers),
      questionHeaders: questionHeaders(ANALYTICS_PATH, state),
      questions: questionTable,
      sortDescription: describeSort(state.sort),
      computedAt: zonedTime(new Date(questions.computedAt), me.timezone),
      flagSummary: flagSummary(questionTable),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { PillarsService } from '@loopwright/question-bank';
import { AnalyticsService } from '@loopwright/scorecards';
import { shellFor } from '../shell/shell.js';
import {
  calibrationPillars,
  DEFAULT_QUESTION_SORT,
  describeSort,
  interviewerSummaries,
  questionHeaders,
  questionRows,
  type AnalyticsView,
  type QuestionSort,
} from './analytics.view.js';

export const ANALYTICS_PATH = '/app/analytics';

/** `GET /app/analytics`: the API's interviewer and question analytics, as charts and tables. */
@Injectable()
export class AnalyticsPage {
  constructor(
    private readonly users: UsersService,
    private readonly analytics: AnalyticsService,
    private readonly pillars: PillarsService,
  ) {}

  async view(actor: Actor, path: string, sort: Partial<QuestionSort>): Promise<AnalyticsView> {
    const questionSort: QuestionSort = { key: sort.key ?? DEFAULT_QUESTION_SORT.key, dir: sort.dir ?? (sort.key ? 'asc' : DEFAULT_QUESTION_SORT.dir) };
    const [me, interviewers, questions, pillars] = await Promise.all([
      this.users.me(actor),
      this.analytics.interviewers(actor),
      this.analytics.questions(actor),
      this.pillars.list(actor),
    ]);
    return {
      title: 'Analytics',
      shell: shellFor(actor, path, me.name),
      minCount: interviewers.minCount,
      hasScorecards: interviewers.items.length > 0,
      pillars: calibrationPillars(interviewers, pillars),
      interviewers: interviewerSummaries(interviewers),
      questionHeaders: questionHeaders(questionSort, ANALYTICS_PATH),
      questions: questionRows(questions, new Map(pillars.map((pillar) => [pillar.id, pillar.name])), questionSort),
      sortDescription: describeSort(questionSort),
    };
  }
}

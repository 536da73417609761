import { Controller, Get, Query, Render, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow, BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { AnalyticsPageQueryDto } from './analytics-page-query.dto.js';
import { AnalyticsPage } from './analytics.page.js';
import { DEFAULT_QUESTION_SORT, firstDirection, type AnalyticsView } from './analytics.view.js';

@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app/analytics')
export class AnalyticsController {
  constructor(private readonly page: AnalyticsPage) {}

  /** As `GET /api/analytics/interviewers` and `/questions`: admin and hiring manager. */
  @Allow('admin', 'hiring_manager')
  @Get()
  @Render('analytics.hbs')
  analytics(@CurrentActor() actor: Actor, @Query() query: AnalyticsPageQueryDto, @Req() request: AuthenticatedRequest): Promise<AnalyticsView> {
    const key = query.sort ?? DEFAULT_QUESTION_SORT.key;
    // A column chosen without a direction sorts as its first click would: text A to Z, numbers highest first.
    const dir = query.dir ?? (query.sort ? firstDirection(key) : DEFAULT_QUESTION_SORT.dir);
    return this.page.view(actor, request.url, { positionId: query.position ?? null, period: query.period ?? 'all', sort: { key, dir } });
  }
}

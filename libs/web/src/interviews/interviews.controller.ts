import { Controller, Get, HttpStatus, Post, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow, BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { CalendarFeed } from '@loopwright/notifications';
import type { FastifyReply } from 'fastify';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { MyInterviewsPage, type MyInterviewsView } from './my-interviews.page.js';

@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app/interviews')
export class InterviewsController {
  constructor(
    private readonly page: MyInterviewsPage,
    private readonly feed: CalendarFeed,
  ) {}

  /** As `GET /api/me/assignments`: for interviewers (a shadow is an interviewer too). */
  @Allow('interviewer')
  @Get()
  @Render('interviews.hbs')
  interviews(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest): Promise<MyInterviewsView> {
    return this.page.view(actor, request.url);
  }

  /**
   * A new calendar feed link, as `POST /api/me/calendar-token` (the one before stops working). Answered with the page
   * itself rather than a redirect: the link is shown this once and must not travel in a URL or be stored.
   */
  @Allow('interviewer')
  @Post('calendar')
  async subscribe(@CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    const { url } = await this.feed.rotate(actor);
    await renderPage(reply, HttpStatus.OK, 'interviews.hbs', await this.page.view(actor, '/app/interviews', url));
  }
}

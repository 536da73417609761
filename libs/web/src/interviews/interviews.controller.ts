import { Controller, Get, Render, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow, BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { MyInterviewsPage, type MyInterviewsView } from './my-interviews.page.js';

@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app/interviews')
export class InterviewsController {
  constructor(private readonly page: MyInterviewsPage) {}

  /** As `GET /api/me/assignments`: for interviewers (a shadow is an interviewer too). */
  @Allow('interviewer')
  @Get()
  @Render('interviews.hbs')
  interviews(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest): Promise<MyInterviewsView> {
    return this.page.view(actor, request.url);
  }
}

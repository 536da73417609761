import { Controller, Get, Render, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { BrowserSession, CurrentActor, type Actor, type AuthenticatedRequest } from '@loopwright/identity';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { HomePage, type HomeView } from './home.page.js';

@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Controller('app')
export class HomeController {
  constructor(private readonly page: HomePage) {}

  @Get()
  @Render('home.hbs')
  home(@CurrentActor() actor: Actor, @Req() request: AuthenticatedRequest): Promise<HomeView> {
    return this.page.view(actor, request.url);
  }
}

import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow, BrowserSession, CurrentActor, OrganizationsService, UpdateOrganizationDto, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { formProblems } from './admin-form.js';
import { AdminIndexPage } from './admin-index.page.js';

const INDEX = '/app/admin';

/** The admin section's index and the organization's settings form. Admins only, as the API's admin routes. */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin')
@Controller('app/admin')
export class AdminController {
  constructor(
    private readonly page: AdminIndexPage,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  async index(@CurrentActor() actor: Actor, @Query('notice') notice: unknown, @Res() reply: FastifyReply): Promise<void> {
    const view = await this.page.view(actor, INDEX, notice === 'timezone' ? { notice: 'The time zone was saved.' } : {});
    await renderPage(reply, HttpStatus.OK, 'admin.hbs', view);
  }

  @Post('timezone')
  async timezone(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const timezone = formFields(body).get('timezone') ?? '';
    const saved = async (): Promise<string> => {
      await this.organizations.updateSettings(actor, await validatedInput(UpdateOrganizationDto, { timezone }));
      return `${INDEX}?notice=timezone`;
    };
    await answerForm(reply, saved, async (error) => {
      const problems = formProblems(error, { timezone: 'Time zone' });
      const message = problems.fieldErrors.timezone ?? problems.problem ?? error.message;
      await renderPage(reply, error.status, 'admin.hbs', await this.page.view(actor, INDEX, { posted: timezone, error: message }));
    });
  }
}

import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { validationFailed } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, OrganizationsService, UpdateOrganizationDto, type Actor } from '@loopwright/identity';
import { SlackChannel, UpdateOrganizationNotificationsDto } from '@loopwright/notifications';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { formProblems } from './admin-form.js';
import { AdminIndexPage } from './admin-index.page.js';

const INDEX = '/app/admin';

const NOTICES: Record<string, string> = {
  timezone: 'The time zone was saved.',
  slack: 'The Slack webhook was saved.',
  'slack-removed': 'The Slack webhook was removed: no channel digest.',
};

/** The admin section's index and the organization's settings forms (time zone, Slack). Admins only, as the API's admin routes. */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin')
@Controller('app/admin')
export class AdminController {
  constructor(
    private readonly page: AdminIndexPage,
    private readonly organizations: OrganizationsService,
    private readonly slack: SlackChannel,
  ) {}

  @Get()
  async index(@CurrentActor() actor: Actor, @Query('notice') notice: unknown, @Res() reply: FastifyReply): Promise<void> {
    const text = typeof notice === 'string' ? NOTICES[notice] : undefined;
    const view = await this.page.view(actor, INDEX, text ? { notice: text } : {});
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

  /**
   * The Slack channel of the daily digest, as `PUT /api/organization/notifications`: `action=save` with the URL (an
   * empty field is refused), `action=remove` takes it off. The URL is never shown back, not even when refused.
   */
  @Post('slack')
  async slackWebhook(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const remove = fields.get('action') === 'remove';
    const url = (fields.get('slackWebhookUrl') ?? '').trim();
    const saved = async (): Promise<string> => {
      if (!remove && url === '') throw validationFailed([{ field: 'slackWebhookUrl', problems: ['slackWebhookUrl must not be empty'] }]);
      await this.slack.update(actor, await validatedInput(UpdateOrganizationNotificationsDto, { slackWebhookUrl: remove ? null : url }));
      return `${INDEX}?notice=${remove ? 'slack-removed' : 'slack'}`;
    };
    await answerForm(reply, saved, async (error) => {
      const problems = formProblems(error, { slackWebhookUrl: 'Slack webhook URL' });
      const message = problems.fieldErrors.slackWebhookUrl ?? problems.problem ?? error.message;
      await renderPage(reply, error.status, 'admin.hbs', await this.page.view(actor, INDEX, { slackError: message }));
    });
  }
}

import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { validationFailed } from '@loopwright/core';
import { Allow, BrowserSession, CurrentActor, OrganizationsService, UpdateOrganizationDto, type Actor } from '@loopwright/identity';
import { SlackChannel, UpdateOrganizationNotificationsDto } from '@loopwright/notifications';
import type { FastifyReply } from 'fastify';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { formProblems, isFormRefusal, sendPage } from './admin-form.js';
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
    await sendPage(reply, HttpStatus.OK, 'admin.hbs', view);
  }

  @Post('timezone')
  async timezone(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const timezone = formFields(body).get('timezone') ?? '';
    try {
      await this.organizations.updateSettings(actor, await validatedInput(UpdateOrganizationDto, { timezone }));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const problems = formProblems(error, { timezone: 'Time zone' });
      const message = problems.fieldErrors.timezone ?? problems.problem ?? error.message;
      await sendPage(reply, error.status, 'admin.hbs', await this.page.view(actor, INDEX, { posted: timezone, error: message }));
      return;
    }
    void reply.redirect(`${INDEX}?notice=timezone`, HttpStatus.SEE_OTHER);
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
    try {
      if (!remove && url === '') throw validationFailed([{ field: 'slackWebhookUrl', problems: ['slackWebhookUrl must not be empty'] }]);
      await this.slack.update(actor, await validatedInput(UpdateOrganizationNotificationsDto, { slackWebhookUrl: remove ? null : url }));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const problems = formProblems(error, { slackWebhookUrl: 'Slack webhook URL' });
      const message = problems.fieldErrors.slackWebhookUrl ?? problems.problem ?? error.message;
      await sendPage(reply, error.status, 'admin.hbs', await this.page.view(actor, INDEX, { slackError: message }));
      return;
    }
    void reply.redirect(`${INDEX}?notice=${remove ? 'slack-removed' : 'slack'}`, HttpStatus.SEE_OTHER);
  }
}

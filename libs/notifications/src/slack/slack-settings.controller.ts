import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { SlackChannel } from './slack-channel.js';
import { OrganizationNotificationsDto, UpdateOrganizationNotificationsDto } from './slack-settings.dto.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Allow('admin')
@Controller('organization/notifications')
export class SlackSettingsController {
  constructor(private readonly slack: SlackChannel) {}

  /** The organization's notification settings: whether a Slack channel gets the daily digest (the URL masked). */
  @Get()
  get(@CurrentActor() actor: Actor): Promise<OrganizationNotificationsDto> {
    return this.slack.settings(actor);
  }

  /**
   * Sets the Slack incoming-webhook URL for the daily channel digest of overdue scorecards (09:00 on business days in
   * the organization's time zone), or removes it with null. The answer masks the URL.
   */
  @Put()
  update(@CurrentActor() actor: Actor, @Body() body: UpdateOrganizationNotificationsDto): Promise<OrganizationNotificationsDto> {
    return this.slack.update(actor, body);
  }
}

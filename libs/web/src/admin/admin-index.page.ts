import { Injectable } from '@nestjs/common';
import { OrganizationsService, UsersService, type Actor } from '@loopwright/identity';
import { SlackChannel } from '@loopwright/notifications';
import { shellFor } from '../shell/shell.js';
import { errorFor } from './admin-fields.js';
import type { AdminIndexView, ZoneOption } from './admin.view.js';

let zoneNames: string[] | undefined;

/** Every IANA zone this runtime knows, UTC first. */
function timeZones(): string[] {
  zoneNames ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return zoneNames;
}

export const zoneOptions = (selected: string): ZoneOption[] => {
  const zones = timeZones().includes(selected) ? timeZones() : [selected, ...timeZones()];
  return zones.map((value) => ({ value, selected: value === selected }));
};

/** `GET /app/admin`: links to the sections, the organization's time zone (OrganizationsService) and its Slack channel (SlackChannel). */
@Injectable()
export class AdminIndexPage {
  constructor(
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly slack: SlackChannel,
  ) {}

  async view(
    actor: Actor,
    path: string,
    state: { notice?: string; posted?: string; error?: string; slackError?: string } = {},
  ): Promise<AdminIndexView> {
    const [me, organization, notifications] = await Promise.all([this.users.me(actor), this.organizations.settings(actor), this.slack.settings(actor)]);
    return {
      title: 'Admin',
      shell: shellFor(actor, path, me.name),
      organizationName: organization.name,
      timezone: organization.timezone,
      zones: zoneOptions(state.posted ?? organization.timezone),
      timezoneError: errorFor('timezone', state.error),
      slack: { masked: notifications.slackWebhookUrl, error: errorFor('slack-webhook-url', state.slackError) },
      notice: state.notice ?? null,
    };
  }
}

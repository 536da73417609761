import { Injectable } from '@nestjs/common';
import { OrganizationsService, UsersService, type Actor } from '@loopwright/identity';
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

/** `GET /app/admin`: links to the sections and the organization's time zone (OrganizationsService). */
@Injectable()
export class AdminIndexPage {
  constructor(
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  async view(actor: Actor, path: string, state: { notice?: string; posted?: string; error?: string } = {}): Promise<AdminIndexView> {
    const [me, organization] = await Promise.all([this.users.me(actor), this.organizations.settings(actor)]);
    return {
      title: 'Admin',
      shell: shellFor(actor, path, me.name),
      organizationName: organization.name,
      timezone: organization.timezone,
      zones: zoneOptions(state.posted ?? organization.timezone),
      timezoneError: errorFor('timezone', state.error),
      notice: state.notice ?? null,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { NotificationPreferences } from '@loopwright/notifications';
import { shellFor, type PageView } from '../shell/shell.js';

export const NOTIFICATION_SETTINGS = '/app/settings/notifications';

/** A kind of mail as the form shows it: a checkbox, disabled (and ticked) for the kinds that cannot be turned off. */
export interface NotificationChoice {
  id: string;
  name: string;
  label: string;
  description: string;
  enabled: boolean;
  optional: boolean;
}

export interface NotificationSettingsView extends PageView {
  choices: NotificationChoice[];
  notice: string | null;
}

const LABELS: Record<string, string> = {
  reminder: 'Reminders of my own scorecards',
  'reminder-digest': 'Daily digest of overdue scorecards',
};

/** `GET /app/settings/notifications`: the caller's notification preferences (NotificationPreferences), for every signed-in person. */
@Injectable()
export class NotificationSettingsPage {
  constructor(
    private readonly users: UsersService,
    private readonly preferences: NotificationPreferences,
  ) {}

  async view(actor: Actor, notice: string | null = null): Promise<NotificationSettingsView> {
    const [me, current] = await Promise.all([this.users.me(actor), this.preferences.get(actor)]);
    return {
      title: 'Notifications',
      shell: shellFor(actor, NOTIFICATION_SETTINGS, me.name),
      choices: current.preferences.map((item) => ({
        id: `kind-${item.kind}`,
        name: item.kind,
        label: LABELS[item.kind] ?? item.kind,
        description: item.description,
        enabled: item.enabled,
        optional: item.optional,
      })),
      notice,
    };
  }
}

import { CalendarToken } from './feed/calendar-token.entity.js';
import { InviteSequence } from './invites/invite-sequence.entity.js';
import { MailMessage } from './mail/mail-message.entity.js';
import { ManualReminder } from './reminders/manual-reminder.entity.js';
import { NotificationPreference } from './preferences/notification-preference.entity.js';
import { SlackMessage } from './slack/slack-message.entity.js';
import { SlackSettings } from './slack/slack-settings.entity.js';

export const NOTIFICATIONS_ENTITIES = [MailMessage, InviteSequence, CalendarToken, ManualReminder, NotificationPreference, SlackSettings, SlackMessage];

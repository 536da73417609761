import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@loopwright/identity';
import { LoopsModule } from '@loopwright/loops';
import { NotAttended } from './attendance/not-attended.js';
import { NotAttendedController } from './attendance/not-attended.controller.js';
import { CalendarFeed } from './feed/calendar-feed.js';
import { CalendarFeedController } from './feed/calendar-feed.controller.js';
import { CalendarTokenController } from './feed/calendar-token.controller.js';
import { InvitesController } from './invites/invites.controller.js';
import { RoundInvites } from './invites/round-invites.js';
import { RoundInvitesSubscriber } from './invites/round-invites.subscriber.js';
import { MailOutbox } from './mail/mail-outbox.js';
import { MailSendWorker } from './mail/mail-send.worker.js';
import { MailSender } from './mail/mail-sender.js';
import { MailTemplates } from './mail/mail-templates.js';
import { MailTransport } from './mail/mail-transport.js';
import { MailWake } from './mail/mail-wake.js';
import { NOTIFICATIONS_ENTITIES } from './notifications.entities.js';
import { RemindNow } from './reminders/remind-now.js';
import { RemindNowController } from './reminders/remind-now.controller.js';
import { NotificationPreferences } from './preferences/notification-preferences.js';
import { NotificationPreferencesController } from './preferences/notification-preferences.controller.js';
import { ReminderDigests } from './reminders/reminder-digests.js';
import { ReminderScan } from './reminders/reminder-scan.js';
import { SlackChannel } from './slack/slack-channel.js';
import { SlackSender } from './slack/slack-sender.js';
import { SlackSettingsController } from './slack/slack-settings.controller.js';
import { ReminderScanWorker } from './reminders/reminder-scan.worker.js';
import { SeatPeopleLookup } from './reminders/seat-people.js';

/** The services other modules use. */
const EXPORTED_PROVIDERS = [MailOutbox, MailTemplates, RoundInvites, CalendarFeed, NotAttended, RemindNow, NotificationPreferences, SlackChannel];

/** Mail (the outbox, its templates), calendar invites and feeds, "I did not attend" and Remind now, preferences, the Slack setting; the API part: their routes. */
@Module({
  imports: [IdentityModule, LoopsModule, TypeOrmModule.forFeature(NOTIFICATIONS_ENTITIES)],
  controllers: [
    InvitesController,
    CalendarTokenController,
    CalendarFeedController,
    NotAttendedController,
    RemindNowController,
    NotificationPreferencesController,
    SlackSettingsController,
  ],
  providers: [MailWake, ...EXPORTED_PROVIDERS],
  exports: EXPORTED_PROVIDERS,
})
export class NotificationsModule {}

/** What the dispatcher, the sender and the reminder scan need, with no job queue or timer: tests drive `drain()` themselves. */
@Module({
  imports: [NotificationsModule, IdentityModule, LoopsModule],
  providers: [RoundInvitesSubscriber, MailTransport, MailSender, SeatPeopleLookup, ReminderScan, ReminderDigests, SlackSender],
  exports: [MailSender, ReminderScan, ReminderDigests, SlackSender],
})
export class NotificationsDeliveryModule {}

/** The worker's part: the invite subscriber, the sender woken through the job queue and by its sweep, the reminder scan on its timer. */
@Module({
  imports: [NotificationsDeliveryModule],
  providers: [MailSendWorker, ReminderScanWorker],
})
export class NotificationsWorkerModule {}

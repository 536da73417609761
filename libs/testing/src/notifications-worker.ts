import { Clock, CoreModule } from '@loopwright/core';
import { DatabaseModule } from '@loopwright/database';
import { EventDispatcher, EventDispatchModule } from '@loopwright/events';
import { MailSender, NotificationsDeliveryModule, ReminderDigests, ReminderScan, SlackSender } from '@loopwright/notifications';
import type { LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ENTITIES } from '../../../apps/api/src/entities.js';
import { startModule } from './start-module.js';

export interface NotificationsWorker {
  /** Hands the recorded round events to the invite subscriber (and any other of this process). */
  dispatcher: EventDispatcher;
  /** Sends (or holds) the due mail. */
  sender: MailSender;
  /** Looks for scorecard reminders whose time (on the given clock) has come, as the worker's timer does. */
  reminders: ReminderScan;
  /** Makes the daily digests due at the clock's time (mail to recruiters and hiring managers, the Slack channel). */
  digests: ReminderDigests;
  /** Posts the due Slack messages. */
  slack: SlackSender;
  close: () => Promise<void>;
}

/**
 * The worker's notification part in a process of its own (as a worker is): the event dispatcher with the invite
 * subscriber, the mail sender and the reminder scan, on DATABASE_URL with `environment` (e.g. SMTP_URL) and the given clock. Nothing runs
 * by itself (no job queue, no sweep, no scan timer): the test calls `drain()` and `scan()`. `logger` receives the log lines.
 */
export async function createNotificationsWorker(
  environment: Record<string, string | undefined>,
  clock?: Clock,
  logger?: LoggerService,
): Promise<NotificationsWorker> {
  const saved = Object.fromEntries(Object.keys(environment).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(environment);
  try {
    let builder = Test.createTestingModule({
      imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), EventDispatchModule, NotificationsDeliveryModule],
    });
    if (clock) builder = builder.overrideProvider(Clock).useValue(clock);
    const moduleRef = await builder.compile();
    await startModule(moduleRef, logger);
    return {
      dispatcher: moduleRef.get(EventDispatcher),
      sender: moduleRef.get(MailSender),
      reminders: moduleRef.get(ReminderScan),
      digests: moduleRef.get(ReminderDigests),
      slack: moduleRef.get(SlackSender),
      close: () => moduleRef.close(),
    };
  } finally {
    apply(saved);
  }
}

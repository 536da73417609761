import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, Clock } from '@loopwright/core';
import { WokenPasses } from '@loopwright/database';
import { SlackSender } from '../slack/slack-sender.js';
import { ReminderDigests } from './reminder-digests.js';
import { ReminderScan } from './reminder-scan.js';

/** The digests are looked for once in each quarter hour (zones are whole, half and quarter hours off UTC). */
const DIGEST_SLOT_MS = 15 * 60_000;

/**
 * Runs in the worker every REMINDER_SCAN_SECONDS and once at start, one pass at a time: the reminder scan; the daily
 * digests when a new quarter hour has begun since the last pass that made them; the Slack outbox (its retries too).
 */
@Injectable()
export class ReminderScanWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReminderScanWorker.name);
  private readonly passes: WokenPasses;
  private timer: NodeJS.Timeout | null = null;
  private digestSlot: number | null = null;

  constructor(
    scan: ReminderScan,
    digests: ReminderDigests,
    slack: SlackSender,
    clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.passes = new WokenPasses(
      async () => {
        await scan.scan();
        const slot = Math.floor(clock.now().getTime() / DIGEST_SLOT_MS);
        if (slot !== this.digestSlot) {
          await digests.run();
          this.digestSlot = slot;
        }
        await slack.drain();
      },
      (error) => this.logger.error({ err: error }, 'Reminder scan failed'),
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.passes.wake(), this.config.reminders.scanSeconds * 1000);
    void this.passes.wake();
  }

  beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.passes.stop();
  }
}

import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { WokenPasses } from '@loopwright/database';
import { ReminderScan } from './reminder-scan.js';

/** Runs the reminder scan in the worker every REMINDER_SCAN_SECONDS and once at start, one pass at a time. */
@Injectable()
export class ReminderScanWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReminderScanWorker.name);
  private readonly passes: WokenPasses;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    scan: ReminderScan,
    private readonly config: AppConfig,
  ) {
    this.passes = new WokenPasses(
      () => scan.scan(),
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

import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { JobQueue, WokenPasses } from '@loopwright/database';
import { MAIL_WAKE_QUEUE, MAIL_WAKE_QUEUE_OPTIONS } from './mail.constants.js';
import { MailSender } from './mail-sender.js';

/**
 * Runs the sender in the worker: woken through pg-boss after each commit that enqueued mail, every
 * MAIL_SWEEP_SECONDS (retries that came due, expired leases, lost wake-ups) and once at start.
 */
@Injectable()
export class MailSendWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailSendWorker.name);
  private readonly passes: WokenPasses;

  constructor(
    private readonly queue: JobQueue,
    sender: MailSender,
    private readonly config: AppConfig,
  ) {
    this.passes = new WokenPasses(
      () => sender.drain(),
      (error) => this.logger.error({ err: error }, 'Mail send pass failed'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.passes.start(this.queue, { name: MAIL_WAKE_QUEUE, options: MAIL_WAKE_QUEUE_OPTIONS }, this.config.mail.sweepSeconds);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }
}

import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { JobQueue } from '@loopwright/database';
import { MAIL_WAKE_QUEUE, MAIL_WAKE_QUEUE_OPTIONS } from './mail.constants.js';
import { MailSender } from './mail-sender.js';

/**
 * Runs the sender in the worker: woken through pg-boss after each commit that enqueued mail, every
 * MAIL_SWEEP_SECONDS (retries that came due, expired leases, lost wake-ups) and once at start. One pass at a time;
 * a wake-up during a pass makes another follow it.
 */
@Injectable()
export class MailSendWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailSendWorker.name);
  private sweep: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wanted = false;
  private stopping = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly sender: MailSender,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.ensureQueue(MAIL_WAKE_QUEUE, MAIL_WAKE_QUEUE_OPTIONS);
    await this.queue.boss.work(MAIL_WAKE_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => this.wake());
    this.sweep = setInterval(() => void this.wake(), this.config.mail.sweepSeconds * 1000);
    void this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.sweep) clearInterval(this.sweep);
    await this.running;
  }

  /** Resolves once a pass that started after this call has finished. */
  wake(): Promise<void> {
    this.wanted = true;
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<void> {
    while (this.wanted && !this.stopping) {
      this.wanted = false;
      await this.sender.drain().catch((error: unknown) => this.logger.error({ err: error }, 'Mail send pass failed'));
    }
  }
}

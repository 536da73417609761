import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { JobQueue, WokenPasses } from '@loopwright/database';
import { WEBHOOK_WAKE_QUEUE, WEBHOOK_WAKE_QUEUE_OPTIONS } from './webhooks.constants.js';
import { WebhookSender } from './webhook-sender.js';

/**
 * Runs the webhook sender in the worker: woken through pg-boss after each commit that queued deliveries, every
 * WEBHOOKS_SWEEP_SECONDS (retries that came due, expired leases, lost wake-ups) and once at start.
 */
@Injectable()
export class WebhookSendWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookSendWorker.name);
  private readonly passes: WokenPasses;

  constructor(
    private readonly queue: JobQueue,
    sender: WebhookSender,
    private readonly config: AppConfig,
  ) {
    this.passes = new WokenPasses(
      () => sender.drain(),
      (error) => this.logger.error({ err: error }, 'Webhook send pass failed'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.passes.start(this.queue, { name: WEBHOOK_WAKE_QUEUE, options: WEBHOOK_WAKE_QUEUE_OPTIONS }, this.config.webhooks.sweepSeconds);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }
}

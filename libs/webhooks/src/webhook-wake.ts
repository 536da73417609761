import { Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommitWake, JobQueue } from '@loopwright/database';
import type { DataSource, EntityManager } from 'typeorm';
import { WEBHOOK_WAKE_QUEUE, WEBHOOK_WAKE_QUEUE_OPTIONS } from './webhooks.constants.js';

/** Wakes the webhook sender through pg-boss once the transaction that queued deliveries has committed. */
@Injectable()
export class WebhookWake implements BeforeApplicationShutdown {
  private readonly wake: CommitWake;

  constructor(@InjectDataSource() dataSource: DataSource, @Optional() queue?: JobQueue) {
    this.wake = new CommitWake(
      dataSource,
      queue,
      { queue: WEBHOOK_WAKE_QUEUE, options: WEBHOOK_WAKE_QUEUE_OPTIONS, failureMessage: 'Could not wake the webhook sender; its sweep will send the deliveries' },
      new Logger(WebhookWake.name),
    );
  }

  markQueued(manager: EntityManager): void {
    this.wake.mark(manager);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.wake.settled();
  }
}

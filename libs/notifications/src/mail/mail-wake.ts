import { Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommitWake, JobQueue } from '@loopwright/database';
import type { DataSource, EntityManager } from 'typeorm';
import { MAIL_WAKE_QUEUE, MAIL_WAKE_QUEUE_OPTIONS } from './mail.constants.js';

/**
 * Wakes the mail sender through pg-boss once the outermost transaction that enqueued mail has committed. Without a
 * job queue in the process, the sender's sweep finds the rows.
 */
@Injectable()
export class MailWake implements BeforeApplicationShutdown {
  private readonly wake: CommitWake;

  constructor(@InjectDataSource() dataSource: DataSource, @Optional() queue?: JobQueue) {
    this.wake = new CommitWake(
      dataSource,
      queue,
      { queue: MAIL_WAKE_QUEUE, options: MAIL_WAKE_QUEUE_OPTIONS, failureMessage: 'Could not wake the mail sender; its sweep will send the mail' },
      new Logger(MailWake.name),
    );
  }

  markEnqueued(manager: EntityManager): void {
    this.wake.mark(manager);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.wake.settled();
  }
}

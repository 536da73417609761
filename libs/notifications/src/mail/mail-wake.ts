import { Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobQueue } from '@loopwright/database';
import type { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { MAIL_WAKE_QUEUE, MAIL_WAKE_QUEUE_OPTIONS } from './mail.constants.js';

const ENQUEUED = 'loopwright.mailEnqueued';

/**
 * Wakes the mail sender through pg-boss once the outermost transaction that enqueued mail has committed (before the
 * commit the sender could not see the rows). Without a job queue in the process, the sender's sweep finds them.
 */
@Injectable()
export class MailWake implements EntitySubscriberInterface, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailWake.name);
  private readonly sending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Optional() private readonly queue?: JobQueue,
  ) {
    dataSource.subscribers.push(this);
  }

  markEnqueued(manager: EntityManager): void {
    if (manager.queryRunner) manager.queryRunner.data[ENQUEUED] = true;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[ENQUEUED] || event.queryRunner.isTransactionActive) return;
    delete event.queryRunner.data[ENQUEUED];
    const queue = this.queue;
    if (!queue) return;
    const sent = (async () => {
      await queue.ensureQueue(MAIL_WAKE_QUEUE, MAIL_WAKE_QUEUE_OPTIONS);
      await queue.boss.send(MAIL_WAKE_QUEUE, {});
    })()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not wake the mail sender; its sweep will send the mail'))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data[ENQUEUED];
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.sending);
  }
}

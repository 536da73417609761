import { Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobQueue } from '@loopwright/database';
import type { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { DISPATCH_WAKE_QUEUE, DISPATCH_WAKE_QUEUE_OPTIONS } from './events.constants.js';

const RECORDED = 'loopwright.domainEventsRecorded';

/**
 * Wakes the dispatcher once a transaction that recorded events has committed (a pg-boss job; never before the
 * commit, when the dispatcher could not see them yet). Without a job queue in the process (the CLI), or when the send
 * fails, the worker's periodic sweep delivers them instead.
 */
@Injectable()
export class DispatchWake implements EntitySubscriberInterface, BeforeApplicationShutdown {
  private readonly logger = new Logger(DispatchWake.name);
  private readonly sending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Optional() private readonly queue?: JobQueue,
  ) {
    dataSource.subscribers.push(this);
  }

  /** Called by `DomainEvents.record` with the transaction's manager. */
  markRecorded(manager: EntityManager): void {
    if (manager.queryRunner) manager.queryRunner.data[RECORDED] = true;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A nested transaction's commit only releases a savepoint: wait for the outermost one.
    if (!event.queryRunner.data[RECORDED] || event.queryRunner.isTransactionActive) return;
    delete event.queryRunner.data[RECORDED];
    this.send();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data[RECORDED];
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.sending);
  }

  private send(): void {
    const queue = this.queue;
    if (!queue) return;
    const sent = (async () => {
      await queue.ensureQueue(DISPATCH_WAKE_QUEUE, DISPATCH_WAKE_QUEUE_OPTIONS);
      await queue.boss.send(DISPATCH_WAKE_QUEUE, {});
    })()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not wake the event dispatcher; its sweep will deliver the events'))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }
}

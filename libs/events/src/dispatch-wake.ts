import { Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommitWake, JobQueue } from '@loopwright/database';
import type { DataSource, EntityManager } from 'typeorm';
import { DISPATCH_WAKE_QUEUE, DISPATCH_WAKE_QUEUE_OPTIONS } from './events.constants.js';

/**
 * Wakes the dispatcher once a transaction that recorded events has committed (a pg-boss job; never before the
 * commit, when the dispatcher could not see them yet). Without a job queue in the process (the CLI), or when the send
 * fails, the worker's periodic sweep delivers them instead.
 */
@Injectable()
export class DispatchWake implements BeforeApplicationShutdown {
  private readonly wake: CommitWake;

  constructor(@InjectDataSource() dataSource: DataSource, @Optional() queue?: JobQueue) {
    this.wake = new CommitWake(
      dataSource,
      queue,
      {
        queue: DISPATCH_WAKE_QUEUE,
        options: DISPATCH_WAKE_QUEUE_OPTIONS,
        failureMessage: 'Could not wake the event dispatcher; its sweep will deliver the events',
      },
      new Logger(DispatchWake.name),
    );
  }

  /** Called by `DomainEvents.record` with the transaction's manager. */
  markRecorded(manager: EntityManager): void {
    this.wake.mark(manager);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.wake.settled();
  }
}

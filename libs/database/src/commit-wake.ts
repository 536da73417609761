import type { Logger } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import type { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { JobQueue } from './job-queue.js';

/** The pg-boss queue a `CommitWake` sends to, and what to log when the send fails. */
export interface CommitWakeJob {
  queue: string;
  options: Omit<PgBoss.Queue, 'name'>;
  /** e.g. "Could not wake the mail sender; its sweep will send the mail". */
  failureMessage: string;
}

/**
 * Sends one pg-boss job once the outermost transaction that called `mark` has committed (never before the commit,
 * when whoever the job wakes could not see the rows yet; nothing after a rollback). Without a job queue in the process
 * (the CLI), or when the send fails, the woken party's periodic sweep finds the rows instead.
 */
export class CommitWake implements EntitySubscriberInterface {
  private readonly key = Symbol('commit-wake');
  private readonly sending = new Set<Promise<void>>();

  constructor(
    dataSource: DataSource,
    private readonly jobQueue: JobQueue | undefined,
    private readonly job: CommitWakeJob,
    private readonly logger: Logger,
  ) {
    dataSource.subscribers.push(this);
  }

  /** Called with the transaction's manager by whatever wrote the rows. */
  mark(manager: EntityManager): void {
    if (manager.queryRunner) (manager.queryRunner.data as Record<symbol, boolean>)[this.key] = true;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<symbol, boolean>;
    // A nested transaction's commit only releases a savepoint: wait for the outermost one.
    if (!data[this.key] || event.queryRunner.isTransactionActive) return;
    delete data[this.key];
    this.send();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete (event.queryRunner.data as Record<symbol, boolean>)[this.key];
  }

  /** Resolves once the sends under way have finished (before the job queue stops). */
  async settled(): Promise<void> {
    await Promise.all(this.sending);
  }

  private send(): void {
    const queue = this.jobQueue;
    if (!queue) return;
    const sent = (async () => {
      await queue.ensureQueue(this.job.queue, this.job.options);
      await queue.boss.send(this.job.queue, {});
    })()
      .catch((error: unknown) => this.logger.warn({ err: error }, this.job.failureMessage))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }
}

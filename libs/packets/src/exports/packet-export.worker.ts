import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { JobQueue } from '@loopwright/database';
import type PgBoss from 'pg-boss';
import { PacketExportRunner } from './packet-export.runner.js';
import { EXPORT_CLEANUP_QUEUE, PACKET_EXPORT_QUEUE, type PacketExportJob } from './packet-exports.constants.js';

/**
 * In the worker process: takes export jobs from the queue, removes expired archives every hour, and every
 * EXPORT_HEARTBEAT_SECONDS hands the jobs of dead attempts (a killed worker: its export's heartbeat went silent)
 * back to the queue, where pg-boss retries them under their retry limit.
 */
@Injectable()
export class PacketExportWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PacketExportWorker.name);
  private watchdog: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly queue: JobQueue,
    private readonly runner: PacketExportRunner,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.ensureQueue(PACKET_EXPORT_QUEUE);
    await this.queue.boss.work<PacketExportJob>(PACKET_EXPORT_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]: PgBoss.Job<PacketExportJob>[]) => {
      if (!job) return;
      this.logger.log({ exportId: job.data.exportId }, 'Export started');
      await this.runner.run(job.data, job.id);
      this.logger.log({ exportId: job.data.exportId }, 'Export done');
    });
    await this.queue.scheduled(EXPORT_CLEANUP_QUEUE, '17 * * * *', async () => {
      const removed = await this.runner.removeExpired();
      if (removed > 0) this.logger.log(`Removed ${removed} expired export archive(s)`);
    });
    this.watchdog = setInterval(() => {
      // One sweep at a time: a slow database must not stack them up.
      this.sweeping = this.sweeping.then(async () => void (await this.retryDeadAttempts())).catch((error: unknown) => this.logger.error({ err: error }, 'Export watchdog failed'));
    }, this.config.exportLiveness.heartbeatSeconds * 1000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    await this.sweeping;
  }

  /** Fails the pg-boss job of each export whose attempt went silent, so that it is retried (or, out of retries, failed). */
  async retryDeadAttempts(): Promise<number> {
    const stale = await this.runner.claimStale();
    for (const { id, jobId } of stale) {
      this.logger.warn({ exportId: id, jobId }, 'Export attempt stopped responding; retrying it');
      if (!jobId) continue;
      await this.queue.boss.fail(PACKET_EXPORT_QUEUE, jobId, { message: 'The export attempt stopped responding (its worker died)' });
      const job = await this.queue.boss.getJobById(PACKET_EXPORT_QUEUE, jobId);
      if (job?.state === 'failed') await this.runner.markAbandoned(id);
    }
    return stale.length;
  }
}

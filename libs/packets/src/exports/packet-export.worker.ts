import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@loopwright/database';
import { PacketExportRunner } from './packet-export.runner.js';
import { EXPORT_CLEANUP_QUEUE, PACKET_EXPORT_QUEUE, type PacketExportJob } from './packet-exports.constants.js';

/** In the worker process: takes export jobs from the queue, and removes expired archives every hour. */
@Injectable()
export class PacketExportWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(PacketExportWorker.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly runner: PacketExportRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.ensureQueue(PACKET_EXPORT_QUEUE);
    await this.queue.ensureQueue(EXPORT_CLEANUP_QUEUE);
    await this.queue.boss.work<PacketExportJob>(PACKET_EXPORT_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
      if (!job) return;
      this.logger.log({ exportId: job.data.exportId }, 'Export started');
      await this.runner.run(job.data);
      this.logger.log({ exportId: job.data.exportId }, 'Export done');
    });
    await this.queue.boss.schedule(EXPORT_CLEANUP_QUEUE, '17 * * * *');
    await this.queue.boss.work(EXPORT_CLEANUP_QUEUE, async () => {
      const removed = await this.runner.removeExpired();
      if (removed > 0) this.logger.log(`Removed ${removed} expired export archive(s)`);
    });
  }
}

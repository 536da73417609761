import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@loopwright/database';
import { RetentionService } from './retention.service.js';

export const RETENTION_QUEUE = 'privacy-retention';
/** Every night at 02:23 UTC. */
export const RETENTION_SCHEDULE = '23 2 * * *';

/** In the worker process: the nightly retention run, on a pg-boss schedule (one run a night, whatever the number of workers). */
@Injectable()
export class RetentionWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionWorker.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly retention: RetentionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.scheduled(RETENTION_QUEUE, RETENTION_SCHEDULE, async () => {
      const run = await this.retention.run();
      if (run.anonymized.length > 0 || run.warned.length > 0)
        this.logger.log({ anonymized: run.anonymized.length, warned: run.warned.length }, 'Retention run');
    });
  }
}

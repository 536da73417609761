import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@loopwright/database';
import { AccessLog } from './access-log.js';

export const ACCESS_RETENTION_QUEUE = 'access-events-retention';

/** In the worker process: every night, deletes the access events older than ACCESS_EVENTS_RETENTION_DAYS. */
@Injectable()
export class AccessRetentionWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccessRetentionWorker.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly access: AccessLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.scheduled(ACCESS_RETENTION_QUEUE, '41 3 * * *', async () => {
      const removed = await this.access.removeExpired();
      if (removed > 0) this.logger.log(`Removed ${removed} expired access event(s)`);
    });
  }
}

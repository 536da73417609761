import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import PgBoss from 'pg-boss';

export const JOB_QUEUE_OPTIONS = Symbol('JOB_QUEUE_OPTIONS');

export interface JobQueueOptions {
  /** Workers supervise and run schedules; the API only sends. */
  role: 'producer' | 'worker';
}

/**
 * The pg-boss queue in the service's own PostgreSQL (schema `pgboss`). Jobs are delivered at least
 * once, so every handler must be idempotent.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues = new Set<string>();
  readonly boss: PgBoss;

  constructor(config: AppConfig, options: JobQueueOptions) {
    const worker = options.role === 'worker';
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: 'pgboss',
      max: worker ? 4 : 2,
      application_name: `loopwright-${options.role}`,
      // Maintenance (expiring, archiving, deleting jobs) and cron schedules run in workers only. A killed worker's
      // export job is not left to its 1 h expiry: the packets worker retries it once its heartbeat stops.
      supervise: worker,
      schedule: worker,
      maintenanceIntervalSeconds: 60,
    });
    this.boss.on('error', (error: unknown) => this.logger.error({ err: error }, 'Job queue error'));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }

  /** Creates the queue once per process (pg-boss needs it before the first send or work); `options` apply when it is new. */
  async ensureQueue(name: string, options: Omit<PgBoss.Queue, 'name'> = {}): Promise<void> {
    if (this.queues.has(name)) return;
    if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, { name, ...options }).catch(() => undefined);
    this.queues.add(name);
  }

  /** Runs `job` on a cron schedule (UTC), once per tick whatever the number of workers (a pg-boss schedule). */
  async scheduled(name: string, cron: string, job: () => Promise<void>): Promise<void> {
    await this.ensureQueue(name);
    await this.boss.schedule(name, cron);
    await this.boss.work(name, job);
  }
}

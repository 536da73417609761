import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { PgBoss } from 'pg-boss';

/**
 * The pg-boss queue in the service's own PostgreSQL (schema `pgboss`). Jobs are delivered at least
 * once, so every handler must be idempotent.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  readonly boss: PgBoss;

  constructor(config: AppConfig) {
    this.boss = new PgBoss({ connectionString: config.databaseUrl, schema: 'pgboss', max: 4, application_name: 'loopwright-queue' });
    this.boss.on('error', (error: unknown) => this.logger.error({ err: error }, 'Job queue error'));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { JobQueue, type JobQueueOptions } from './job-queue.js';

@Module({})
export class JobQueueModule {
  static forRoot(options: JobQueueOptions): DynamicModule {
    return {
      module: JobQueueModule,
      global: true,
      providers: [{ provide: JobQueue, inject: [AppConfig], useFactory: (config: AppConfig) => new JobQueue(config, options) }],
      exports: [JobQueue],
    };
  }
}

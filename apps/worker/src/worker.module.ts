import { Module } from '@nestjs/common';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule, JobQueueModule } from '@loopwright/database';

/** The background process: the job queue's handlers register here (packet exports, reminders). */
@Module({
  imports: [CoreModule, DatabaseModule, JobQueueModule],
})
export class WorkerModule {}

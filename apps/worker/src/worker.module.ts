import { Module } from '@nestjs/common';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule, JobQueueModule } from '@loopwright/database';
import { ENTITIES } from '../../api/src/entities.js';

/** The background process: the job queue's handlers register here (packet exports, reminders). */
@Module({
  imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), JobQueueModule],
})
export class WorkerModule {}

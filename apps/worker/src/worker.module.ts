import { Module } from '@nestjs/common';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule, JobQueueModule } from '@loopwright/database';
import { EventDispatchWorkerModule } from '@loopwright/events';
import { IdentityWorkerModule } from '@loopwright/identity';
import { NotificationsWorkerModule } from '@loopwright/notifications';
import { PacketExportWorkerModule } from '@loopwright/packets';
import { PrivacyWorkerModule } from '@loopwright/privacy';
import { ScorecardsWorkerModule } from '@loopwright/scorecards';
import { WebhooksWorkerModule } from '@loopwright/webhooks';
import { ENTITIES } from '../../api/src/entities.js';

/**
 * The background process: domain event dispatch, packet exports (and their clean-up), calendar invites and mail, the
 * nightly candidate retention, the calibration snapshot, outbound webhooks, from the pg-boss queue; the access events'
 * retention.
 */
@Module({
  imports: [
    CoreModule,
    DatabaseModule.forRoot({ entities: ENTITIES }),
    JobQueueModule.forRoot({ role: 'worker' }),
    EventDispatchWorkerModule,
    IdentityWorkerModule,
    PacketExportWorkerModule,
    NotificationsWorkerModule,
    PrivacyWorkerModule,
    ScorecardsWorkerModule,
    WebhooksWorkerModule,
  ],
})
export class WorkerModule {}

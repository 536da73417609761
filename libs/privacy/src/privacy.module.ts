import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@loopwright/events';
import { IdentityModule } from '@loopwright/identity';
import { LoopsModule } from '@loopwright/loops';
import { NotificationsModule } from '@loopwright/notifications';
import { PacketsModule } from '@loopwright/packets';
import { QuestionBankModule } from '@loopwright/question-bank';
import { ScorecardsModule } from '@loopwright/scorecards';
import { DataExportService } from './data-export/data-export.service.js';
import { ErasureService } from './erasure/erasure.service.js';
import { PrivacyController } from './privacy.controller.js';
import { PRIVACY_ENTITIES } from './privacy.entities.js';
import { OrganizationPrivacyController } from './retention/organization-privacy.controller.js';
import { RetentionService } from './retention/retention.service.js';
import { RetentionWorker } from './retention/retention.worker.js';

const imports = [EventsModule, IdentityModule, QuestionBankModule, LoopsModule, ScorecardsModule, PacketsModule, NotificationsModule, TypeOrmModule.forFeature(PRIVACY_ENTITIES)];
const providers = [ErasureService, DataExportService, RetentionService];

/** Candidate privacy: erasure (anonymize or delete), legal hold, retention, the data export of an access request. */
@Module({
  imports,
  controllers: [PrivacyController, OrganizationPrivacyController],
  providers,
  exports: [ErasureService, DataExportService, RetentionService],
})
export class PrivacyModule {}

/** The worker's part: the nightly retention run on its pg-boss schedule. */
@Module({
  imports,
  providers: [...providers, RetentionWorker],
})
export class PrivacyWorkerModule {}

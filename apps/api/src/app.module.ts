import { Module } from '@nestjs/common';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule, JobQueueModule } from '@loopwright/database';
import { IdentityModule } from '@loopwright/identity';
import { LoopsModule } from '@loopwright/loops';
import { NotificationsModule } from '@loopwright/notifications';
import { OnboardingModule } from '@loopwright/onboarding';
import { PacketsModule } from '@loopwright/packets';
import { PrivacyModule } from '@loopwright/privacy';
import { QuestionBankModule } from '@loopwright/question-bank';
import { ScorecardsModule } from '@loopwright/scorecards';
import { WebModule } from '@loopwright/web';
import { WebhooksModule } from '@loopwright/webhooks';
import { ENTITIES } from './entities.js';
import { HealthModule } from './health/health.module.js';

@Module({
  imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), JobQueueModule.forRoot({ role: 'producer' }), HealthModule, IdentityModule, QuestionBankModule, LoopsModule, ScorecardsModule, OnboardingModule, PacketsModule, NotificationsModule, PrivacyModule, WebhooksModule, WebModule],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { IdentityModule } from '@loopwright/identity';
import { LoopsModule } from '@loopwright/loops';
import { QuestionBankModule } from '@loopwright/question-bank';
import { ScorecardsModule } from '@loopwright/scorecards';
import { BootstrapService } from './bootstrap.service.js';
import { OnboardingService } from './onboarding.service.js';
import { SignupController } from './signup.controller.js';

/**
 * What a new team starts with, across the features: new organizations (signup, the CLI), and the first start (the
 * configured admin, or the demo team with its hiring in progress). It owns no table; it calls each feature's service
 * in one transaction, so nothing below registers steps for it.
 */
@Module({
  imports: [IdentityModule, QuestionBankModule, LoopsModule, ScorecardsModule],
  controllers: [SignupController],
  providers: [OnboardingService, BootstrapService],
  exports: [OnboardingService, BootstrapService],
})
export class OnboardingModule {}

import { Module } from '@nestjs/common';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule } from '@loopwright/database';
import { IdentityModule } from '@loopwright/identity';
import { OnboardingModule } from '@loopwright/onboarding';
import { QuestionBankModule } from '@loopwright/question-bank';
import { ENTITIES } from '../../api/src/entities.js';
import { CreateAdminCommand } from './create-admin.command.js';
import { ImportQuestionsCommand } from './import-questions.command.js';

@Module({
  imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), IdentityModule, QuestionBankModule, OnboardingModule],
  providers: [CreateAdminCommand, ImportQuestionsCommand],
})
export class CliModule {}

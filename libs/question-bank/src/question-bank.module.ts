import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@loopwright/identity';
import { Pillar } from './pillars/pillar.entity.js';
import { PillarsController } from './pillars/pillars.controller.js';
import { PillarsService } from './pillars/pillars.service.js';
import { QuestionBankSetup } from './question-bank.setup.js';
import { QuestionExposure } from './questions/question-exposure.entity.js';
import { QuestionTransferService } from './questions/question-transfer.service.js';
import { QuestionVersion } from './questions/question-version.entity.js';
import { Question } from './questions/question.entity.js';
import { QuestionsController } from './questions/questions.controller.js';
import { QuestionsRepository } from './questions/questions.repository.js';
import { QuestionsService } from './questions/questions.service.js';
import { QuestionSeed } from './seed/question-seed.js';

export const QUESTION_BANK_ENTITIES = [Pillar, Question, QuestionVersion, QuestionExposure];

/** Pillars, versioned questions with rubrics, search, import/export and exposure. */
@Module({
  imports: [IdentityModule, TypeOrmModule.forFeature(QUESTION_BANK_ENTITIES)],
  controllers: [PillarsController, QuestionsController],
  providers: [
    PillarsService,
    QuestionBankSetup,
    QuestionSeed,
    QuestionsRepository,
    QuestionsService,
    QuestionTransferService,
  ],
  exports: [PillarsService, QuestionBankSetup, QuestionsService, QuestionTransferService],
})
export class QuestionBankModule {}

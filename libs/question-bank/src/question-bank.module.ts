import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule, PillarCatalog } from '@loopwright/identity';
import { Pillar } from './pillars/pillar.entity.js';
import { PillarsService } from './pillars/pillars.service.js';

export const QUESTION_BANK_ENTITIES = [Pillar];

/** Pillars, versioned questions with rubrics, search, import/export and exposure. */
@Module({
  imports: [IdentityModule, TypeOrmModule.forFeature(QUESTION_BANK_ENTITIES)],
  providers: [PillarsService, { provide: PillarCatalog, useExisting: PillarsService }],
  exports: [PillarsService],
})
export class QuestionBankModule {}

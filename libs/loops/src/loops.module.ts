import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@loopwright/identity';
import { QuestionBankModule } from '@loopwright/question-bank';
import { CandidatesController } from './candidates/candidates.controller.js';
import { CandidatesService } from './candidates/candidates.service.js';
import { LOOPS_ENTITIES } from './loops.entities.js';
import { PositionsController } from './positions/positions.controller.js';
import { PositionsService } from './positions/positions.service.js';

export { LOOPS_ENTITIES } from './loops.entities.js';

/** Positions, candidates, loop templates, loops and their rounds, assignment rules and interview kits. */
@Module({
  imports: [IdentityModule, QuestionBankModule, TypeOrmModule.forFeature(LOOPS_ENTITIES)],
  controllers: [PositionsController, CandidatesController],
  providers: [PositionsService, CandidatesService],
  exports: [],
})
export class LoopsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@loopwright/events';
import { IdentityModule } from '@loopwright/identity';
import { QuestionBankModule } from '@loopwright/question-bank';
import { CandidatesController } from './candidates/candidates.controller.js';
import { CandidatesService } from './candidates/candidates.service.js';
import { LOOPS_ENTITIES } from './loops.entities.js';
import { KitsController } from './kits/kits.controller.js';
import { KitsRepository } from './kits/kits.repository.js';
import { KitsService } from './kits/kits.service.js';
import { LoopsDemo } from './loops.demo.js';
import { LoopsSetup } from './loops.setup.js';
import { LoopsController } from './loops/loops.controller.js';
import { AssignmentFactsService } from './loops/assignment-facts.service.js';
import { LoopsRepository } from './loops/loops.repository.js';
import { LoopsService } from './loops/loops.service.js';
import { RoundsController } from './loops/rounds.controller.js';
import { RoundsService } from './loops/rounds.service.js';
import { SeatAttendanceService } from './loops/seat-attendance.service.js';
import { PositionsController } from './positions/positions.controller.js';
import { PositionsService } from './positions/positions.service.js';
import { LoopTemplatesController } from './templates/loop-templates.controller.js';
import { LoopTemplatesService } from './templates/loop-templates.service.js';

export { LOOPS_ENTITIES } from './loops.entities.js';

/** Positions, candidates, loop templates, loops and their rounds, assignment rules and interview kits. */
@Module({
  imports: [EventsModule, IdentityModule, QuestionBankModule, TypeOrmModule.forFeature(LOOPS_ENTITIES)],
  controllers: [PositionsController, CandidatesController, LoopTemplatesController, LoopsController, RoundsController, KitsController],
  providers: [
    PositionsService,
    CandidatesService,
    LoopTemplatesService,
    LoopsRepository,
    LoopsService,
    RoundsService,
    SeatAttendanceService,
    AssignmentFactsService,
    KitsRepository,
    KitsService,
    LoopsDemo,
    LoopsSetup,
  ],
  exports: [
    LoopsService,
    LoopsSetup,
    LoopsDemo,
    KitsService,
    RoundsService,
    SeatAttendanceService,
    CandidatesService,
    PositionsService,
    LoopTemplatesService,
  ],
})
export class LoopsModule {}

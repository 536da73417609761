import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@loopwright/events';
import { IdentityModule } from '@loopwright/identity';
import { LoopsModule } from '@loopwright/loops';
import { QuestionBankModule } from '@loopwright/question-bank';
import { AnalyticsService } from './analytics.service.js';
import { AnalyticsSnapshotSubscriber } from './analytics/analytics-snapshot.subscriber.js';
import { AnalyticsSnapshots } from './analytics/analytics-snapshots.js';
import { ScopedAggregates } from './analytics/scoped-aggregates.js';
import { CalibrationSnapshots } from './calibration/calibration-snapshots.js';
import { CalibrationSubscriber } from './calibration/calibration.subscriber.js';
import { DebriefController } from './debrief.controller.js';
import { DebriefService } from './debrief.service.js';
import { ScorecardsController } from './scorecards.controller.js';
import { ScorecardsDemo } from './scorecards.demo.js';
import { SCORECARDS_ENTITIES } from './scorecards.entities.js';
import { ScorecardsRepository } from './scorecards.repository.js';
import { ScorecardErasure } from './scorecard-erasure.js';
import { ScorecardsService } from './scorecards.service.js';

export { SCORECARDS_ENTITIES } from './scorecards.entities.js';

/** Scorecards (drafts, submission, amendments, the blind rule), the debrief summary and decision, due times, analytics. */
@Module({
  imports: [EventsModule, IdentityModule, QuestionBankModule, LoopsModule, TypeOrmModule.forFeature(SCORECARDS_ENTITIES)],
  controllers: [ScorecardsController, DebriefController],
  providers: [ScorecardsRepository, ScorecardsService, DebriefService, AnalyticsService, AnalyticsSnapshots, ScopedAggregates, CalibrationSnapshots, ScorecardsDemo, ScorecardErasure],
  exports: [ScorecardsService, ScorecardsDemo, DebriefService, AnalyticsService, AnalyticsSnapshots, CalibrationSnapshots, ScorecardErasure],
})
export class ScorecardsModule {}

/** The worker's part: the subscribers that refit the calibration snapshot and recompute the analytics aggregates after scorecards are submitted or amended (and, for the aggregates, loops decided). */
@Module({
  imports: [ScorecardsModule],
  providers: [CalibrationSubscriber, AnalyticsSnapshotSubscriber],
})
export class ScorecardsWorkerModule {}

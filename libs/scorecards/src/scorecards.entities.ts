import { ANALYTICS_FACT_ENTITIES } from './analytics/analytics-facts.entity.js';
import { AnalyticsSnapshot } from './analytics/analytics-snapshot.entity.js';
import { CalibrationSnapshot } from './calibration/calibration-snapshot.entity.js';
import { LoopDecision } from './loop-decision.entity.js';
import { ScorecardAmendment } from './scorecard-amendment.entity.js';
import { Scorecard } from './scorecard.entity.js';

export const SCORECARDS_ENTITIES = [Scorecard, ScorecardAmendment, LoopDecision, CalibrationSnapshot, AnalyticsSnapshot, ...ANALYTICS_FACT_ENTITIES];

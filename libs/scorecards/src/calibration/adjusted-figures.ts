import type { QuestionStatsItemDto } from '../scorecard.dto.js';
import type { AdjustedIntervalDto, AdjustedOverallDto, DiscriminationDto } from './calibration.dto.js';
import { DEFAULT_CALIBRATION_OPTIONS, type AdjustedOffset, type QuestionSignal } from './calibration-model.js';
import type { CalibrationSnapshot } from './calibration-snapshot.entity.js';
import type { Interval } from './statistics.js';

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const interval = (value: Interval | null): AdjustedIntervalDto | null => value && { low: round3(value.low), high: round3(value.high) };
const discrimination = (value: QuestionSignal['discrimination']): DiscriminationDto | null =>
  value && { value: round3(value.value), interval: interval(value.interval), count: value.count };

export type QuestionSignalFields = Pick<
  QuestionStatsItemDto,
  'ownRatings' | 'discrimination' | 'decisionDiscrimination' | 'lowSignal' | 'signalRank' | 'possibleLeak'
>;

/** The snapshot's figures as the analytics responses show them, by interviewer, pillar and question. */
export function adjustedFigures(snapshot: CalibrationSnapshot) {
  const offsets = new Map<string, AdjustedOffset>(
    snapshot.result.interviewers.map((cell) => [`${cell.interviewer} ${cell.pillar ?? ''}`, cell]),
  );
  const questions = new Map(snapshot.result.questions.map((signal) => [signal.question, signal]));
  return {
    computedAt: snapshot.computedAt,
    lowSignalThreshold: DEFAULT_CALIBRATION_OPTIONS.lowSignalThreshold,
    pillar(
      interviewerId: string,
      pillarId: string,
    ): { adjustedOffset: number | null; adjustedConfidenceInterval: AdjustedIntervalDto | null; adjustedEnoughData: boolean } {
      const cell = offsets.get(`${interviewerId} ${pillarId}`);
      return {
        adjustedOffset: cell ? round3(cell.adjustedOffset) : null,
        adjustedConfidenceInterval: cell ? interval(cell.adjustedConfidenceInterval) : null,
        adjustedEnoughData: cell?.enoughData ?? false,
      };
    },
    overall(interviewerId: string): AdjustedOverallDto {
      const cell = offsets.get(`${interviewerId} `);
      return {
        count: cell?.count ?? 0,
        adjustedOffset: cell ? round3(cell.adjustedOffset) : null,
        adjustedConfidenceInterval: cell ? interval(cell.adjustedConfidenceInterval) : null,
        enoughData: cell?.enoughData ?? false,
      };
    },
    question(questionId: string): QuestionSignalFields {
      const signal = questions.get(questionId);
      return {
        ownRatings: signal?.ownRatings ?? 0,
        discrimination: discrimination(signal?.discrimination ?? null),
        decisionDiscrimination: discrimination(signal?.decisionDiscrimination ?? null),
        lowSignal: signal?.lowSignal ?? false,
        signalRank: signal?.rank ?? null,
        possibleLeak: signal?.possibleLeak
          ? { since: new Date(signal.possibleLeak.since), effect: round3(signal.possibleLeak.effect), pValue: signal.possibleLeak.pValue }
          : null,
      };
    },
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound, validationFailed } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { PillarsService, QuestionsService } from '@loopwright/question-bank';
import type { DataSource } from 'typeorm';
import { CalibrationSnapshots } from './calibration/calibration-snapshots.js';
import { adjustedFigures, type QuestionSignalFields } from './calibration/adjusted-figures.js';
import type { QuestionSignal } from './calibration/calibration-model.js';
import { CalibrationSnapshot } from './calibration/calibration-snapshot.entity.js';
import type { FactScope } from './analytics/analytics-aggregates.js';
import { AnalyticsSnapshots } from './analytics/analytics-snapshots.js';
import { ScopedAggregates } from './analytics/scoped-aggregates.js';
import type { InterviewerAnalyticsDto, InterviewerStatsDto, QuestionAnalyticsDto } from './scorecard.dto.js';

export const DEFAULT_MIN_COUNT = 5;

/** Which scorecards analytics count: those of one position's loops, those submitted in a period (`from` ≤ t < `to`). */
export interface AnalyticsScope {
  positionId?: string;
  from?: Date;
  to?: Date;
}

/** By code point, as the database's C collation orders names and titles. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isWholeOrganization = ({ positionId, from, to }: FactScope): boolean => positionId === null && from === null && to === null;

/** One question's signal figures as of the snapshot's `computedAt` (`timesRated`: ratings the model read). */
export type QuestionSignalOf = QuestionSignalFields & { timesRated: number };

/** Some questions' signal figures from the organization's calibration snapshot. */
export interface QuestionSignals {
  computedAt: Date;
  lowSignalThreshold: number;
  /** By question id; a question the snapshot has no figures for is not there. */
  byQuestion: Map<string, QuestionSignalOf>;
}

const round3 = (value: number | string | null): number | null => (value === null ? null : Math.round(Number(value) * 1000) / 1000);

/**
 * Calibration: aggregates over the submitted, non-shadow scorecards, for the whole organization from its analytics
 * snapshot, for a position or a period aggregated in SQL over the analytics facts (either rebuilt first when the data
 * changed since); the names
 * of interviewers, pillars and questions come from their owners (one statement each).
 */
@Injectable()
export class AnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly pillars: PillarsService,
    private readonly questionsBank: QuestionsService,
    private readonly loops: LoopsService,
    private readonly calibration: CalibrationSnapshots,
    private readonly aggregates: AnalyticsSnapshots,
    private readonly scopedAggregates: ScopedAggregates,
  ) {}

  /**
   * Per interviewer: scorecards submitted, on-time rate (submitted within the write-up due hours) and median hours
   * to submit, both counted from `timelinessFrom` (the later of the round's end and when the round got that time); per pillar: count, mean, the offset from the organization's mean for the pillar with
   * a 95% confidence interval (mean ± 1.96·sd/√n) once `minCount` ratings exist, and the share of strong ratings.
   * The organization's mean is taken over the same scope.
   */
  async interviewers(actor: Actor, minCount = DEFAULT_MIN_COUNT, scope: AnalyticsScope = {}): Promise<InterviewerAnalyticsDto> {
    const organizationId = actor.organizationId;
    const manager = this.dataSource.manager;
    const scoped = await this.scopeParams(organizationId, scope);
    const { pillarRows: perPillar, interviewerRows: perPerson } = isWholeOrganization(scoped)
      ? await this.aggregates.interviewers(organizationId)
      : await this.scopedAggregates.interviewers(organizationId, scoped);
    const names = await this.users.namesByIds(organizationId, perPerson.map((person) => person.author_id), manager);
    const pillars = (await this.pillars.listInOrg(organizationId, manager)).map((pillar, order) => ({ pillar, order }));
    const pillarById = new Map(pillars.map((item) => [item.pillar.id, item]));
    // Interviewers by name, each one's pillars in the organization's order (a pillar no longer there is left out).
    const people = perPerson
      .filter((person) => names.has(person.author_id))
      .map((person) => ({ ...person, user_name: names.get(person.author_id)! }))
      .sort((a, b) => byText(a.user_name, b.user_name) || byText(a.author_id, b.author_id));
    const pillarFigures = perPillar
      .flatMap((row) => {
        const known = pillarById.get(row.pillar_id);
        return known ? [{ ...row, key: known.pillar.key, name: known.pillar.name, order: known.order }] : [];
      })
      .sort((a, b) => a.order - b.order);
    const adjusted = adjustedFigures(await this.calibration.current(organizationId));
    const items: InterviewerStatsDto[] = people.map((person) => ({
      interviewer: { id: person.author_id, name: person.user_name },
      submitted: person.submitted,
      onTimeRate: round3(person.on_time_rate),
      medianHoursToSubmit: person.median_hours === null ? null : Math.round(Number(person.median_hours) * 100) / 100,
      pillars: pillarFigures
        .filter((row) => row.author_id === person.author_id)
        .map((row) => {
          const enoughData = row.n >= minCount && row.mean !== null && row.org_mean !== null;
          const offset = enoughData ? Number(row.mean) - Number(row.org_mean) : null;
          const margin = enoughData ? (1.96 * Number(row.sd ?? 0)) / Math.sqrt(row.n) : null;
          return {
            pillar: { id: row.pillar_id, key: row.key, name: row.name },
            count: row.n,
            meanRating: round3(row.mean),
            organizationMean: round3(row.org_mean),
            offset: round3(offset),
            confidenceInterval: offset !== null && margin !== null ? { low: round3(offset - margin)!, high: round3(offset + margin)! } : null,
            enoughData,
            strongShare: round3(row.strong_share),
            ...adjusted.pillar(person.author_id, row.pillar_id),
          };
        }),
      overall: adjusted.overall(person.author_id),
    }));
    return { minCount, computedAt: adjusted.computedAt, items };
  }

  /**
   * Per question asked: times asked, the mean of its ratings in the scorecards that asked it (the question's own
   * rating where the interviewer gave one, counted in `questionRatingCount`, else the pillar's), and the point-biserial
   * correlation of that rating with the loop's decision (hire 1, no_hire 0), given once
   * `minCount` decided ratings exist.
   */
  async questions(actor: Actor, minCount = DEFAULT_MIN_COUNT, scope: AnalyticsScope = {}): Promise<QuestionAnalyticsDto> {
    const manager = this.dataSource.manager;
    const scoped = await this.scopeParams(actor.organizationId, scope);
    const perQuestion = isWholeOrganization(scoped)
      ? (await this.aggregates.questions(actor.organizationId)).questionRows
      : await this.scopedAggregates.questions(actor.organizationId, scoped);
    const refs = new Map(
      (await this.questionsBank.refsByIds(manager, actor.organizationId, perQuestion.map((row) => row.question_id))).map((ref) => [ref.id, ref]),
    );
    // Most asked first, then by title (a question not in the bank any more is left out).
    const rows = perQuestion
      .flatMap((row) => {
        const ref = refs.get(row.question_id);
        return ref ? [{ ...row, title: ref.title, pillar_id: ref.pillarId }] : [];
      })
      .sort((a, b) => b.times_asked - a.times_asked || byText(a.title, b.title) || byText(a.question_id, b.question_id));
    const adjusted = adjustedFigures(await this.calibration.current(actor.organizationId));
    return {
      minCount,
      computedAt: adjusted.computedAt,
      lowSignalThreshold: adjusted.lowSignalThreshold,
      items: rows.map((row) => ({
        question: { id: row.question_id, title: row.title, pillarId: row.pillar_id },
        timesAsked: row.times_asked,
        ratedCount: row.rated_count,
        questionRatingCount: row.own_count,
        meanRating: round3(row.mean),
        decided: { count: row.decided_count, hires: row.hires, noHires: row.no_hires },
        correlation: row.decided_count >= minCount && row.hires > 0 && row.no_hires > 0 ? round3(row.r) : null,
        ...adjusted.question(row.question_id),
      })),
    };
  }

  /**
   * The snapshot's figures for the given questions only (one statement: the snapshot's questions filtered in SQL, not
   * the organization's analytics), for pages that show a question's flags. Computed once when there is no snapshot.
   */
  async questionSignals(actor: Actor, questionIds: readonly string[]): Promise<QuestionSignals> {
    const organizationId = actor.organizationId;
    const [row] = await this.dataSource.manager.query<{ computed_at: Date; questions: QuestionSignal[] }[]>(
      `SELECT s.computed_at,
              coalesce((SELECT jsonb_agg(q.value) FROM jsonb_array_elements(s.result->'questions') q
                         WHERE q.value->>'question' = ANY($2::text[])), '[]'::jsonb) AS questions
         FROM calibration_snapshots s WHERE s.organization_id = $1`,
      [organizationId, [...questionIds]],
    );
    const wanted = new Set(questionIds);
    const snapshot = row
      ? Object.assign(new CalibrationSnapshot(), { organizationId, computedAt: row.computed_at, result: { ratings: 0, questionRatings: 0, questions: row.questions, interviewers: [] } })
      : await this.calibration.current(organizationId);
    const signals = snapshot.result.questions.filter((signal) => wanted.has(signal.question));
    const figures = adjustedFigures(snapshot);
    return {
      computedAt: figures.computedAt,
      lowSignalThreshold: figures.lowSignalThreshold,
      byQuestion: new Map(signals.map((signal) => [signal.question, { ...figures.question(signal.question), timesRated: signal.timesRated }])),
    };
  }

  /** The position (404 for a position not in the organization) without its cancelled loops, and the period. */
  private async scopeParams(organizationId: string, scope: AnalyticsScope): Promise<FactScope> {
    if (scope.from && scope.to && scope.from >= scope.to) throw validationFailed([{ field: 'to', problems: ['to must be later than from'] }]);
    let excludedLoopIds: string[] = [];
    if (scope.positionId) {
      const cancelled = await this.loops.cancelledLoopIdsOfPosition(organizationId, scope.positionId);
      if (!cancelled) throw notFound('Position');
      excludedLoopIds = cancelled;
    }
    return { positionId: scope.positionId ?? null, excludedLoopIds, from: scope.from ?? null, to: scope.to ?? null };
  }
}

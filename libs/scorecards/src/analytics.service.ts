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
import { dueAtSql, timelinessFromSql } from './due-times.js';
import { decisionValueSql, RATING_VALUE, ratingValueSql } from './scales.js';
import type { InterviewerAnalyticsDto, InterviewerStatsDto, QuestionAnalyticsDto } from './scorecard.dto.js';
import { effectiveRatingsSql } from './scorecard-math.js';

export const DEFAULT_MIN_COUNT = 5;

/** Which scorecards analytics count: those of one position's loops, those submitted in a period (`from` ≤ t < `to`). */
export interface AnalyticsScope {
  positionId?: string;
  from?: Date;
  to?: Date;
}

/** The scope as the statements' `$2..$4`: loop ids (null: every loop), from, to (null: open). */
type ScopeParams = [string[] | null, Date | null, Date | null];

/** The scorecards in scope, for a `WHERE` on the alias `s`. */
const IN_SCOPE = `($2::uuid[] IS NULL OR s.loop_id = ANY($2::uuid[]))
      AND ($3::timestamptz IS NULL OR s.submitted_at >= $3) AND ($4::timestamptz IS NULL OR s.submitted_at < $4)`;

/**
 * The effective pillar values (1..4, null for not_assessed) of the organization's submitted, non-shadow scorecards,
 * by `effectiveRatingsSql` (the same rule as `effectiveValues`): `eff(scorecard_id, author_id, pillar_id, v)`.
 * `$1` is the organization, `$2..$4` the scope (`IN_SCOPE`).
 */
const EFFECTIVE_RATINGS = `
  sc AS (
    SELECT s.id, s.loop_id, s.author_id, s.ratings, s.questions_asked, s.submitted_at, s.round_ends_at, s.writeup_due_at
      FROM scorecards s WHERE s.organization_id = $1 AND s.status = 'submitted' AND NOT s.shadow AND ${IN_SCOPE}
  ), am AS (
    SELECT a.scorecard_id, a.sequence, a.ratings FROM scorecard_amendments a WHERE a.organization_id = $1
  ), eff AS (
    SELECT e.scorecard_id, sc.author_id, e.pillar_id, ${ratingValueSql('e.rating')} AS v
      FROM (${effectiveRatingsSql('sc', 'am')}) e JOIN sc ON sc.id = e.scorecard_id
  )`;

/** The strong ratings, at either end of the scale. */
const STRONG_VALUES = [RATING_VALUE.strong_no, RATING_VALUE.strong_yes].join(', ');

/** By code point, as the database's C collation orders names and titles. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface PillarRow {
  author_id: string;
  pillar_id: string;
  n: number;
  mean: number | null;
  sd: number | null;
  strong_share: number | null;
  org_mean: number | null;
}

interface InterviewerRow {
  author_id: string;
  submitted: number;
  on_time_rate: number | null;
  median_hours: number | null;
}

interface QuestionRow {
  question_id: string;
  times_asked: number;
  rated_count: number;
  own_count: number;
  mean: number | null;
  decided_count: number;
  hires: number;
  no_hires: number;
  r: number | null;
}

/** One question's signal figures as of the snapshot's `computedAt` (`timesRated`: ratings the model read). */
export type QuestionSignalOf = QuestionSignalFields & { timesRated: number };

/** Some questions' signal figures from the organization's calibration snapshot. */
export interface QuestionSignals {
  computedAt: Date;
  lowSignalThreshold: number;
  /** By question id; a question the snapshot has no figures for is not there. */
  byQuestion: Map<string, QuestionSignalOf>;
}

const round3 = (value: number | null): number | null => (value === null ? null : Math.round(Number(value) * 1000) / 1000);

/**
 * Calibration: aggregated in SQL over the submitted, non-shadow scorecards; the names of interviewers, pillars and
 * questions come from their owners (one statement each).
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
    const perPillar = await this.aggregate<PillarRow[]>(
      `WITH ${EFFECTIVE_RATINGS}, per AS (
         SELECT author_id, pillar_id, count(v)::int AS n, avg(v) AS mean, stddev_samp(v) AS sd,
                (count(*) FILTER (WHERE v IN (${STRONG_VALUES})))::float8 / nullif(count(v), 0) AS strong_share
           FROM eff GROUP BY author_id, pillar_id
       ), org AS (
         SELECT pillar_id, avg(v) AS mean FROM eff GROUP BY pillar_id
       )
       SELECT per.author_id, per.pillar_id, per.n, per.mean, per.sd, per.strong_share, org.mean AS org_mean
         FROM per JOIN org ON org.pillar_id = per.pillar_id`,
      [organizationId, ...scoped],
    );
    const perPerson = await manager.query<InterviewerRow[]>(
      `SELECT t.author_id, count(*)::int AS submitted,
              avg(CASE WHEN t.submitted_at <= ${dueAtSql('t.due_from', 't.writeup_due_hours')} THEN 1.0 ELSE 0.0 END) FILTER (WHERE t.due_from IS NOT NULL)::float8 AS on_time_rate,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.submitted_at - t.due_from) / 3600)
                FILTER (WHERE t.due_from IS NOT NULL) AS median_hours
         FROM (SELECT s.author_id, s.submitted_at, s.writeup_due_hours, ${timelinessFromSql('s.round_ends_at', 's.round_scheduled_at')} AS due_from
                 FROM scorecards s
                WHERE s.organization_id = $1 AND s.status = 'submitted' AND NOT s.shadow AND ${IN_SCOPE}) t
        GROUP BY t.author_id`,
      [organizationId, ...scoped],
    );
    const names = await this.users.namesByIds(organizationId, perPerson.map((person) => person.author_id), manager);
    const pillars = (await this.pillars.listInOrg(organizationId, manager)).map((pillar, order) => ({ pillar, order }));
    const pillarById = new Map(pillars.map((item) => [item.pillar.id, item]));
    // Interviewers by name, each one's pillars in the organization's order (a pillar no longer there is left out).
    const people = perPerson
      .filter((person) => names.has(person.author_id))
      .map((person) => ({ ...person, user_name: names.get(person.author_id)! }))
      .sort((a, b) => byText(a.user_name, b.user_name) || byText(a.author_id, b.author_id));
    const pillarRows = perPillar
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
      pillars: pillarRows
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
    const perQuestion = await this.aggregate<QuestionRow[]>(
      `WITH ${EFFECTIVE_RATINGS}, asked AS (
         SELECT sc.id AS scorecard_id, sc.loop_id, q."questionId" AS question_id, q."pillarId" AS pillar_id, ${ratingValueSql('q.rating')} AS own
           FROM sc CROSS JOIN LATERAL jsonb_to_recordset(sc.questions_asked) AS q("questionId" uuid, "pillarId" uuid, rating text)
       ), rated AS (
         SELECT a.question_id, a.loop_id, coalesce(a.own, e.v) AS v, a.own
           FROM asked a LEFT JOIN eff e ON e.scorecard_id = a.scorecard_id AND e.pillar_id = a.pillar_id
       )
       SELECT r.question_id, count(*)::int AS times_asked, count(r.v)::int AS rated_count, count(r.own)::int AS own_count, avg(r.v) AS mean,
              (count(r.v) FILTER (WHERE d.decision IS NOT NULL))::int AS decided_count,
              (count(r.v) FILTER (WHERE d.decision = 'hire'))::int AS hires,
              (count(r.v) FILTER (WHERE d.decision = 'no_hire'))::int AS no_hires,
              corr(r.v, ${decisionValueSql('d.decision')}) AS r
         FROM rated r
         LEFT JOIN loop_decisions d ON d.loop_id = r.loop_id AND d.organization_id = $1
        GROUP BY r.question_id`,
      [actor.organizationId, ...scoped],
    );
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

  /**
   * One aggregation over the organization's scorecards, with JIT off. PostgreSQL takes each jsonb_to_recordset for
   * 100 rows, so from a few thousand scorecards on the plan's cost passes `jit_above_cost`: at 10,000, compiling
   * took 2.3 s of a 2.6 s statement that runs in tens of milliseconds without (bench group `analytics`).
   */
  private aggregate<T>(sql: string, parameters: unknown[]): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL jit = off');
      return manager.query<T>(sql, parameters);
    });
  }

  /** A position's loops (404 for a position not in the organization; cancelled loops are left out), and the period. */
  private async scopeParams(organizationId: string, scope: AnalyticsScope): Promise<ScopeParams> {
    if (scope.from && scope.to && scope.from >= scope.to) throw validationFailed([{ field: 'to', problems: ['to must be later than from'] }]);
    let loopIds: string[] | null = null;
    if (scope.positionId) {
      loopIds = await this.loops.loopIdsOfPosition(organizationId, scope.positionId);
      if (!loopIds) throw notFound('Position');
    }
    return [loopIds, scope.from ?? null, scope.to ?? null];
  }
}

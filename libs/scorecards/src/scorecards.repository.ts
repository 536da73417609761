import { Injectable } from '@nestjs/common';
import { poolQuery, SqlParams, withRowsVersionSql } from '@loopwright/database';
import { AuditLog, OrganizationsService } from '@loopwright/identity';
import type { EntityManager } from 'typeorm';
import { roundDueAtSql, type DueHours, type RoundTimingSql } from './due-times.js';
import type { LoopRecordRow } from './loop-record.js';
import type { Decision, Rating } from './scales.js';
import type { ScorecardStatus, StoredQuestion, StoredRating } from './scorecard.entity.js';

/** A scorecard row as SQL returns it (snake_case). */
export interface ScorecardRow {
  id: string;
  organization_id: string;
  loop_id: string;
  round_id: string;
  author_id: string;
  shadow: boolean;
  status: ScorecardStatus;
  version: number;
  ratings: StoredRating[];
  questions_asked: StoredQuestion[];
  recommendation: Rating | null;
  summary: string | null;
  round_ends_at: Date | null;
  rating_due_at: Date | null;
  writeup_due_at: Date | null;
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AmendmentRow {
  id: string;
  scorecard_id: string;
  sequence: number;
  author_id: string;
  reason: string;
  ratings: StoredRating[] | null;
  recommendation: Rating | null;
  summary: string | null;
  created_at: Date;
}

/** A pillar's rating in a draft save: only the keys given change (`rating`/`notes` null clears, left out keeps). */
export interface RatingPatch {
  pillarId: string;
  rating?: StoredRating['rating'];
  notes?: string | null;
}

/** A question in a draft save: added or its notes or rating changed (the version first recorded stays), or `remove: true`. */
export type QuestionPatch =
  | (Pick<StoredQuestion, 'questionId' | 'version' | 'pillarId'> & Partial<Pick<StoredQuestion, 'notes' | 'rating'>>)
  | { questionId: string; remove: true };

/**
 * A draft save merges lists into the stored ones, in the UPDATE itself: an entry replaces the given keys of the stored
 * entry with the same `key` (new entries go last, in the order given), `remove: true` drops it, the others stay.
 */
const mergedList = (column: string, param: string, key: string, base: string, keep: string): string =>
  `(SELECT coalesce(jsonb_agg(m.value ORDER BY m.ord), '[]'::jsonb)
      FROM (SELECT ${base} || coalesce(e.value, '{}'::jsonb)
                     || (coalesce(i.value, '{}'::jsonb) - 'remove' - (CASE WHEN e.value IS NULL THEN '{}' ELSE '${keep}' END)::text[]) AS value,
                   coalesce(e.ord, 1000000 + i.ord) AS ord, coalesce((i.value->>'remove')::boolean, false) AS removed
              FROM jsonb_array_elements(s.${column}) WITH ORDINALITY AS e(value, ord)
              FULL JOIN jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS i(value, ord) ON i.value->>'${key}' = e.value->>'${key}') m
     WHERE NOT m.removed)`;

export interface DraftChanges {
  ratings?: RatingPatch[];
  questionsAsked?: QuestionPatch[];
  recommendation?: Rating | null;
  summary?: string | null;
}

export interface DecisionRow {
  loop_id: string;
  decision: Decision;
  note: string | null;
  forced: boolean;
  missing_round_ids: string[];
  decided_by_id: string | null;
  decided_at: Date;
}

const SCORECARD_COLUMNS = `s.id, s.organization_id, s.loop_id, s.round_id, s.author_id, s.shadow, s.status, s.version, s.ratings,
  s.questions_asked, s.recommendation, s.summary, s.round_ends_at, s.rating_due_at, s.writeup_due_at, s.submitted_at, s.created_at, s.updated_at`;

/** The round's times as the row keeps them, and the due times recomputed from them by the row's own due hours. */
const refreshedRoundTimes = (round: RoundTimingSql): string =>
  `round_ends_at = ${round.endsAt}, round_scheduled_at = ${round.scheduledAt},
   rating_due_at = ${roundDueAtSql(round, 's.rating_due_hours')}, writeup_due_at = ${roundDueAtSql(round, 's.writeup_due_hours')}`;

/**
 * The scorecards feature's tables, every statement scoped by organization. What it needs of other features comes
 * through their services: the organization's due hours (OrganizationsService) and the audit event (AuditLog).
 */
@Injectable()
export class ScorecardsRepository {
  constructor(
    private readonly audit: AuditLog,
    private readonly organizations: OrganizationsService,
  ) {}

  async findMine(manager: EntityManager, organizationId: string, roundId: string, authorId: string, lock = false): Promise<ScorecardRow | null> {
    const rows = await poolQuery<ScorecardRow[]>(
      manager,
      `SELECT ${SCORECARD_COLUMNS} FROM scorecards s WHERE s.organization_id = $1 AND s.round_id = $2 AND s.author_id = $3${lock ? ' FOR UPDATE' : ''}`,
      [organizationId, roundId, authorId],
    );
    return rows[0] ?? null;
  }

  /** The organization's due hours (its setting), null for an unknown organization. */
  dueHours(manager: EntityManager, organizationId: string): Promise<DueHours | null> {
    return this.organizations.dueHours(manager, organizationId);
  }

  /**
   * Creates the empty draft unless it exists (concurrent first reads create one), under the organization's due hours
   * of now; its id when this call created it (null too when the organization is unknown).
   */
  async createDraft(
    manager: EntityManager,
    organizationId: string,
    draft: { loopId: string; roundId: string; authorId: string; shadow: boolean; roundEndsAt: Date | null; roundScheduledAt: Date | null },
  ): Promise<string | null> {
    const hours = await this.organizations.dueHours(manager, organizationId);
    if (!hours) return null;
    const round = { endsAt: '$6::timestamptz', scheduledAt: '$9::timestamptz' };
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO scorecards (organization_id, loop_id, round_id, author_id, shadow, round_ends_at, round_scheduled_at, rating_due_hours, writeup_due_hours,
                               rating_due_at, writeup_due_at)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $9::timestamptz, $7::int, $8::int, ${roundDueAtSql(round, '$7::int')}, ${roundDueAtSql(round, '$8::int')})
       ON CONFLICT (round_id, author_id) DO NOTHING
       RETURNING id`,
      [organizationId, draft.loopId, draft.roundId, draft.authorId, draft.shadow, draft.roundEndsAt, hours.rating, hours.writeup, draft.roundScheduledAt],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * THE draft save, one statement: a conditional UPDATE on (round, author, version, draft, the loop not decided) that
   * merges `ratings` per pillar and `questionsAsked` per question into the stored lists (jsonb, under the version
   * check: nothing saved in between is lost), +1 version, due times refreshed from the round's times (`roundDueAtSql`), and its audit
   * event (`scorecard.saved`, through `AuditLog.recordEachSql`: the version and the names of the fields saved, never
   * a draft's content, which only its author may read) in the same statement. Null when no row matched (stale,
   * submitted, decided or missing).
   *
   * A decision made meanwhile commits either before this statement (then it matches nothing) or after it: the
   * decision reads only submitted scorecards, so it is as if the save came first. A cancellation meanwhile leaves a
   * draft nobody reads but its author; the round's loop status was checked just before.
   */
  async saveDraft(
    manager: EntityManager,
    organizationId: string,
    key: { roundId: string; authorId: string; version: number; roundEndsAt: Date | null; roundScheduledAt: Date | null },
    changes: DraftChanges,
    audit: { actorId: string | null; requestId: string | null },
  ): Promise<ScorecardRow | null> {
    const params = new SqlParams();
    const where = [
      `s.organization_id = ${params.add(organizationId)}`,
      `s.round_id = ${params.add(key.roundId)}`,
      `s.author_id = ${params.add(key.authorId)}`,
      `s.version = ${params.add(key.version)}`,
      `s.status = 'draft'`,
      `NOT EXISTS (SELECT 1 FROM loop_decisions d WHERE d.loop_id = s.loop_id)`,
    ];
    const round = { endsAt: `${params.add(key.roundEndsAt)}::timestamptz`, scheduledAt: `${params.add(key.roundScheduledAt)}::timestamptz` };
    const sets = [`version = s.version + 1`, `updated_at = now()`, refreshedRoundTimes(round)];
    const merge = (column: string, value: unknown, key: string, base: string, keep: string): void => {
      sets.push(`${column} = ${mergedList(column, params.add(JSON.stringify(value)), key, base, keep)}`);
    };
    if (changes.ratings !== undefined) merge('ratings', changes.ratings, 'pillarId', `jsonb_build_object('rating', null, 'notes', null)`, '{}');
    if (changes.questionsAsked !== undefined)
      merge('questions_asked', changes.questionsAsked, 'questionId', `jsonb_build_object('notes', null, 'rating', null)`, '{version,pillarId}');
    if (changes.recommendation !== undefined) sets.push(`recommendation = ${params.add(changes.recommendation)}`);
    if (changes.summary !== undefined) sets.push(`summary = ${params.add(changes.summary)}`);
    const fields = params.add(JSON.stringify(Object.keys(changes)));
    const audited = this.audit.recordEachSql(
      params,
      { organizationId, userId: audit.actorId, requestId: audit.requestId },
      {
        action: 'scorecard.saved',
        entityType: 'scorecard',
        rows: 'saved s',
        entityId: 's.id',
        changes: `jsonb_build_object('version', jsonb_build_object('before', s.version - 1, 'after', s.version),
                                     'fields', jsonb_build_object('before', null, 'after', ${fields}::jsonb))`,
      },
    );
    const rows = await poolQuery<ScorecardRow[]>(
      manager,
      `WITH saved AS (
         UPDATE scorecards s SET ${sets.join(', ')}
          WHERE ${where.join(' AND ')}
          RETURNING ${SCORECARD_COLUMNS}
       ), audited AS (
         ${audited}
       )
       SELECT * FROM saved s`,
      params.values,
    );
    return rows[0] ?? null;
  }

  /** Submits a draft at the given version, with the round's times as they are then: the last change the row ever sees. */
  async submit(
    manager: EntityManager,
    organizationId: string,
    id: string,
    version: number,
    at: Date,
    round: { endsAt: Date | null; scheduledAt: Date | null },
  ): Promise<ScorecardRow | null> {
    const rows = await manager.query<[ScorecardRow[], number]>(
      `UPDATE scorecards s
          SET status = 'submitted', submitted_at = $4, version = s.version + 1, updated_at = now(),
              ${refreshedRoundTimes({ endsAt: '$5::timestamptz', scheduledAt: '$6::timestamptz' })}
        WHERE s.organization_id = $1 AND s.id = $2 AND s.version = $3 AND s.status = 'draft'
        RETURNING ${SCORECARD_COLUMNS}`,
      [organizationId, id, version, at, round.endsAt, round.scheduledAt],
    );
    return rows[0]?.[0] ?? null;
  }

  async amendments(manager: EntityManager, organizationId: string, scorecardIds: string[]): Promise<AmendmentRow[]> {
    if (scorecardIds.length === 0) return [];
    return manager.query<AmendmentRow[]>(
      `SELECT id, scorecard_id, sequence, author_id, reason, ratings, recommendation, summary, created_at
         FROM scorecard_amendments WHERE organization_id = $1 AND scorecard_id = ANY($2::uuid[])
        ORDER BY scorecard_id, sequence`,
      [organizationId, scorecardIds],
    );
  }

  async insertAmendment(
    manager: EntityManager,
    organizationId: string,
    amendment: { scorecardId: string; loopId: string; authorId: string; reason: string; ratings: StoredRating[] | null; recommendation: Rating | null; summary: string | null; at: Date },
  ): Promise<AmendmentRow> {
    const rows = await manager.query<AmendmentRow[]>(
      `INSERT INTO scorecard_amendments (organization_id, scorecard_id, loop_id, sequence, author_id, reason, ratings, recommendation, summary, created_at)
       SELECT $1, $2, $3, coalesce(max(a.sequence), 0) + 1, $4, $5, $6::jsonb, $7, $8, $9
         FROM scorecard_amendments a WHERE a.scorecard_id = $2
       RETURNING id, scorecard_id, sequence, author_id, reason, ratings, recommendation, summary, created_at`,
      [
        organizationId,
        amendment.scorecardId,
        amendment.loopId,
        amendment.authorId,
        amendment.reason,
        amendment.ratings === null ? null : JSON.stringify(amendment.ratings),
        amendment.recommendation,
        amendment.summary,
        amendment.at,
      ],
    );
    return rows[0]!;
  }

  /** The submitted scorecards of these loops (shadows' only with `includeShadows`), in no particular order: one statement. */
  submittedIn(manager: EntityManager, organizationId: string, loopIds: string[], includeShadows: boolean): Promise<ScorecardRow[]> {
    if (loopIds.length === 0) return Promise.resolve([]);
    return manager.query<ScorecardRow[]>(
      `SELECT ${SCORECARD_COLUMNS}
         FROM scorecards s
        WHERE s.organization_id = $1 AND s.status = 'submitted' AND ($3 OR NOT s.shadow) AND s.loop_id = ANY($2::uuid[])`,
      [organizationId, loopIds, includeShadows],
    );
  }

  /** Every scorecard status of a loop (no content): for "missing" lists. */
  statuses(manager: EntityManager, organizationId: string, loopId: string): Promise<{ round_id: string; author_id: string; status: ScorecardStatus; rating_due_at: Date | null; writeup_due_at: Date | null }[]> {
    return manager.query(
      `SELECT round_id, author_id, status, rating_due_at, writeup_due_at FROM scorecards WHERE organization_id = $1 AND loop_id = $2`,
      [organizationId, loopId],
    );
  }

  /** The status of each scorecard of these rounds and whether it has a recommendation yet (no content): for "overdue" lists. */
  seatStatuses(manager: EntityManager, organizationId: string, roundIds: string[]): Promise<{ round_id: string; author_id: string; status: ScorecardStatus; has_recommendation: boolean }[]> {
    if (roundIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT round_id, author_id, status, (recommendation IS NOT NULL) AS has_recommendation
         FROM scorecards WHERE organization_id = $1 AND round_id = ANY($2::uuid[])`,
      [organizationId, roundIds],
    );
  }

  /** Which of these loops have a scorecard the author submitted. One statement. */
  async loopsSubmittedBy(manager: EntityManager, organizationId: string, authorId: string, loopIds: string[]): Promise<Set<string>> {
    if (loopIds.length === 0) return new Set();
    const rows = await manager.query<{ loop_id: string }[]>(
      `SELECT DISTINCT loop_id FROM scorecards WHERE organization_id = $1 AND author_id = $2 AND status = 'submitted' AND loop_id = ANY($3::uuid[])`,
      [organizationId, authorId, loopIds],
    );
    return new Set(rows.map((row) => row.loop_id));
  }

  async decision(manager: EntityManager, organizationId: string, loopId: string): Promise<DecisionRow | null> {
    const rows = await manager.query<DecisionRow[]>(
      `SELECT loop_id, decision, note, forced, missing_round_ids, decided_by_id, decided_at FROM loop_decisions WHERE organization_id = $1 AND loop_id = $2`,
      [organizationId, loopId],
    );
    return rows[0] ?? null;
  }

  async insertDecision(
    manager: EntityManager,
    organizationId: string,
    decision: { loopId: string; decision: Decision; note: string | null; forced: boolean; missingRoundIds: string[]; decidedById: string | null; at: Date },
  ): Promise<DecisionRow> {
    const rows = await manager.query<DecisionRow[]>(
      `INSERT INTO loop_decisions (loop_id, organization_id, decision, note, forced, missing_round_ids, decided_by_id, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8)
       RETURNING loop_id, decision, note, forced, missing_round_ids, decided_by_id, decided_at`,
      [decision.loopId, organizationId, decision.decision, decision.note, decision.forced, decision.missingRoundIds, decision.decidedById, decision.at],
    );
    return rows[0]!;
  }

  /**
   * A loop's decision and its submitted scorecards (shadows' only with `includeShadows`), each with its amendments
   * in order, and who submitted on it (shadows too): ONE statement. Scorecards come in submission order.
   * `withVersion`: with the version of the row read (`withRowsVersionSql`), same statement.
   */
  async loopRecord(
    manager: EntityManager,
    organizationId: string,
    loopId: string,
    includeShadows: boolean,
    options: { withVersion?: boolean } = {},
  ): Promise<LoopRecordRow & { rows_version?: string }> {
    const params = new SqlParams();
    const select = this.loopRecordSql(params, organizationId, loopId, includeShadows);
    const [row] = await manager.query<(LoopRecordRow & { rows_version?: string })[]>(options.withVersion ? withRowsVersionSql(select) : select, params.values);
    return row!;
  }

  /**
   * The statement of `loopRecord` (always one row), its values bound through `params`. Also what the record's version
   * is made of (`ScorecardsService.loopRecordVersionSql`).
   */
  loopRecordSql(params: SqlParams, organizationId: string, loopId: string, includeShadows: boolean): string {
    const organization = `${params.add(organizationId)}::uuid`;
    const loop = `${params.add(loopId)}::uuid`;
    const shadows = `${params.add(includeShadows)}::boolean`;
    return `SELECT ARRAY(SELECT DISTINCT sub.author_id::text FROM scorecards sub
                     WHERE sub.organization_id = ${organization} AND sub.loop_id = ${loop} AND sub.status = 'submitted' ORDER BY 1) AS submitted_author_ids,
              (SELECT json_build_object('decision', d.decision, 'note', d.note, 'decided_at', d.decided_at)
                 FROM loop_decisions d WHERE d.organization_id = ${organization} AND d.loop_id = ${loop}) AS decision,
              coalesce((SELECT json_agg(json_build_object(
                         'id', s.id, 'round_id', s.round_id, 'author_id', s.author_id, 'shadow', s.shadow, 'ratings', s.ratings,
                         'questions_asked', s.questions_asked, 'recommendation', s.recommendation, 'summary', s.summary, 'submitted_at', s.submitted_at,
                         'amendments', coalesce((SELECT json_agg(json_build_object('sequence', a.sequence, 'reason', a.reason, 'created_at', a.created_at,
                                                                                   'ratings', a.ratings, 'recommendation', a.recommendation, 'summary', a.summary)
                                                                 ORDER BY a.sequence)
                                                   FROM scorecard_amendments a WHERE a.organization_id = s.organization_id AND a.scorecard_id = s.id), '[]'::json))
                                 ORDER BY s.submitted_at, s.id)
                          FROM scorecards s
                         WHERE s.organization_id = ${organization} AND s.loop_id = ${loop} AND s.status = 'submitted' AND (${shadows} OR NOT s.shadow)), '[]'::json) AS scorecards`;
  }
}

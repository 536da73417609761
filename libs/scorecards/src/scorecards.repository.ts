import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Decision } from './loop-decision.entity.js';
import type { Rating, ScorecardStatus, StoredQuestion, StoredRating } from './scorecard.entity.js';

/** A scorecard row as SQL returns it (snake_case), with the author's name and round title where joined. */
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
  author_name?: string;
  round_title?: string;
  round_position?: number;
  candidate_name?: string;
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

/** A question in a draft save: added or its notes changed (the version first recorded stays), or `remove: true`. */
export type QuestionPatch = (Pick<StoredQuestion, 'questionId' | 'version' | 'pillarId'> & { notes?: string | null }) | { questionId: string; remove: true };

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

export interface OverdueRow {
  round_id: string;
  loop_id: string;
  round_title: string;
  candidate_name: string;
  user_id: string;
  user_name: string;
  shadow: boolean;
  ends_at: Date;
  rating_due_at: Date;
  writeup_due_at: Date;
  status: string | null;
  has_recommendation: boolean;
}

const DUE_TIMES = (endsAt: string): string =>
  `${endsAt}::timestamptz + make_interval(hours => o.rating_due_hours), ${endsAt}::timestamptz + make_interval(hours => o.writeup_due_hours)`;

const SCORECARD_COLUMNS = `s.id, s.organization_id, s.loop_id, s.round_id, s.author_id, s.shadow, s.status, s.version, s.ratings,
  s.questions_asked, s.recommendation, s.summary, s.round_ends_at, s.rating_due_at, s.writeup_due_at, s.submitted_at, s.created_at, s.updated_at`;

/** The scorecards feature's tables, every statement scoped by organization. */
@Injectable()
export class ScorecardsRepository {
  async findMine(manager: EntityManager, organizationId: string, roundId: string, authorId: string, lock = false): Promise<ScorecardRow | null> {
    const rows = await manager.query<ScorecardRow[]>(
      `SELECT ${SCORECARD_COLUMNS} FROM scorecards s WHERE s.organization_id = $1 AND s.round_id = $2 AND s.author_id = $3${lock ? ' FOR UPDATE' : ''}`,
      [organizationId, roundId, authorId],
    );
    return rows[0] ?? null;
  }

  /** Creates the empty draft unless it exists (concurrent first reads create one); its id when this call created it. */
  async createDraft(
    manager: EntityManager,
    organizationId: string,
    draft: { loopId: string; roundId: string; authorId: string; shadow: boolean; roundEndsAt: Date | null },
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO scorecards (organization_id, loop_id, round_id, author_id, shadow, round_ends_at, rating_due_at, writeup_due_at)
       SELECT o.id, $2, $3, $4, $5, $6::timestamptz, ${DUE_TIMES('$6')}
         FROM organizations o WHERE o.id = $1
       ON CONFLICT (round_id, author_id) DO NOTHING
       RETURNING id`,
      [organizationId, draft.loopId, draft.roundId, draft.authorId, draft.shadow, draft.roundEndsAt],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * THE draft save, one statement: a conditional UPDATE on (round, author, version, draft, loop still open —
   * share-locked, so a decision waits for it) that merges `ratings` per pillar and `questionsAsked` per question into
   * the stored lists (jsonb, under the version check: nothing saved in between is lost), +1 version, due times refreshed from the round's end, and its audit
   * event (`scorecard.saved`: the version and the names of the fields saved, never a draft's content, which only
   * its author may read) in the same statement. Null when no row matched (stale, submitted, closed or missing).
   */
  async saveDraft(
    manager: EntityManager,
    organizationId: string,
    key: { roundId: string; authorId: string; version: number; roundEndsAt: Date | null },
    changes: DraftChanges,
    audit: { actorId: string | null; requestId: string | null },
  ): Promise<ScorecardRow | null> {
    const values: unknown[] = [organizationId, key.roundId, key.authorId, key.version, key.roundEndsAt, audit.actorId, audit.requestId];
    const sets: string[] = [];
    const set = (column: string, value: unknown, cast = ''): void => {
      values.push(value);
      sets.push(`${column} = $${values.length}${cast}`);
    };
    const merge = (column: string, value: unknown, key: string, base: string, keep: string): void => {
      values.push(JSON.stringify(value));
      sets.push(`${column} = ${mergedList(column, `$${values.length}`, key, base, keep)}`);
    };
    if (changes.ratings !== undefined) merge('ratings', changes.ratings, 'pillarId', `jsonb_build_object('rating', null, 'notes', null)`, '{}');
    if (changes.questionsAsked !== undefined)
      merge('questions_asked', changes.questionsAsked, 'questionId', `jsonb_build_object('notes', null)`, '{version,pillarId}');
    if (changes.recommendation !== undefined) set('recommendation', changes.recommendation);
    if (changes.summary !== undefined) set('summary', changes.summary);
    const fields = JSON.stringify(Object.keys(changes));
    values.push(fields);
    const rows = await manager.query<ScorecardRow[]>(
      `WITH saved AS (
         UPDATE scorecards s
            SET version = s.version + 1, updated_at = now(), round_ends_at = $5::timestamptz,
                rating_due_at = $5::timestamptz + make_interval(hours => o.rating_due_hours),
                writeup_due_at = $5::timestamptz + make_interval(hours => o.writeup_due_hours)${sets.length > 0 ? `, ${sets.join(', ')}` : ''}
           FROM organizations o
          WHERE o.id = s.organization_id AND s.organization_id = $1 AND s.round_id = $2 AND s.author_id = $3
            AND s.version = $4 AND s.status = 'draft'
            AND EXISTS (SELECT 1 FROM loops l WHERE l.id = s.loop_id AND l.status NOT IN ('decided', 'cancelled') FOR SHARE)
          RETURNING ${SCORECARD_COLUMNS}
       ), audited AS (
         INSERT INTO audit_events (organization_id, actor_id, action, entity_type, entity_id, changes, request_id)
         SELECT s.organization_id, $6::uuid, 'scorecard.saved', 'scorecard', s.id,
                jsonb_build_object('version', jsonb_build_object('before', s.version - 1, 'after', s.version),
                                   'fields', jsonb_build_object('before', null, 'after', $${values.length}::jsonb)),
                $7::text
           FROM saved s
       )
       SELECT * FROM saved s`,
      values,
    );
    return rows[0] ?? null;
  }

  /** Submits a draft at the given version: the last change the row ever sees. */
  async submit(manager: EntityManager, organizationId: string, id: string, version: number, at: Date, roundEndsAt: Date | null): Promise<ScorecardRow | null> {
    const rows = await manager.query<[ScorecardRow[], number]>(
      `UPDATE scorecards s
          SET status = 'submitted', submitted_at = $4, version = s.version + 1, updated_at = now(), round_ends_at = $5::timestamptz,
              rating_due_at = $5::timestamptz + make_interval(hours => o.rating_due_hours),
              writeup_due_at = $5::timestamptz + make_interval(hours => o.writeup_due_hours)
         FROM organizations o
        WHERE o.id = s.organization_id AND s.organization_id = $1 AND s.id = $2 AND s.version = $3 AND s.status = 'draft'
        RETURNING ${SCORECARD_COLUMNS}`,
      [organizationId, id, version, at, roundEndsAt],
    );
    return rows[0]?.[0] ?? null;
  }

  /** The loop's status, share-locked until the transaction ends: a decision (FOR UPDATE) waits, and vice versa. */
  async lockLoopStatus(manager: EntityManager, organizationId: string, loopId: string): Promise<string | null> {
    const rows = await manager.query<{ status: string }[]>(`SELECT status FROM loops WHERE organization_id = $1 AND id = $2 FOR SHARE`, [
      organizationId,
      loopId,
    ]);
    return rows[0]?.status ?? null;
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

  /** Submitted scorecards of loops (or of every loop of a position), with author names and round titles: one statement. */
  submitted(
    manager: EntityManager,
    organizationId: string,
    scope: { loopId?: string; positionId?: string },
    includeShadows: boolean,
  ): Promise<ScorecardRow[]> {
    return manager.query<ScorecardRow[]>(
      `SELECT ${SCORECARD_COLUMNS}, u.name AS author_name, r.title AS round_title, r.position AS round_position, c.name AS candidate_name
         FROM scorecards s
         JOIN users u ON u.id = s.author_id
         JOIN loop_rounds r ON r.id = s.round_id
         JOIN loops l ON l.id = s.loop_id
         JOIN candidates c ON c.id = l.candidate_id
        WHERE s.organization_id = $1 AND s.status = 'submitted' AND ($4 OR NOT s.shadow)
          AND ($2::uuid IS NULL OR s.loop_id = $2) AND ($3::uuid IS NULL OR l.position_id = $3)
        ORDER BY l.created_at, s.loop_id, r.position, s.shadow, u.name, s.id`,
      [organizationId, scope.loopId ?? null, scope.positionId ?? null, includeShadows],
    );
  }

  /** Every scorecard status of a loop (no content): for "missing" lists. */
  statuses(manager: EntityManager, organizationId: string, loopId: string): Promise<{ round_id: string; author_id: string; status: ScorecardStatus; rating_due_at: Date | null; writeup_due_at: Date | null }[]> {
    return manager.query(
      `SELECT round_id, author_id, status, rating_due_at, writeup_due_at FROM scorecards WHERE organization_id = $1 AND loop_id = $2`,
      [organizationId, loopId],
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

  async dueHours(manager: EntityManager, organizationId: string): Promise<{ rating: number; writeup: number }> {
    const rows = await manager.query<{ rating_due_hours: number; writeup_due_hours: number }[]>(
      `SELECT rating_due_hours, writeup_due_hours FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return { rating: rows[0]?.rating_due_hours ?? 1, writeup: rows[0]?.writeup_due_hours ?? 24 };
  }

  /** The organization's questions among `ids`, with their current version and pillar. */
  questionsInOrg(manager: EntityManager, organizationId: string, ids: string[]): Promise<{ id: string; current_version: number; pillar_id: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query(`SELECT id, current_version, pillar_id FROM questions WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [
      organizationId,
      ids,
    ]);
  }

  async positionExists(manager: EntityManager, organizationId: string, positionId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM positions WHERE organization_id = $1 AND id = $2`, [organizationId, positionId]);
    return rows.length > 0;
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
   * Scorecards past their due time and not submitted, including the ones never opened: every assigned person of
   * every ended round of the open loops (decided and cancelled loops left out). One statement.
   */
  overdue(manager: EntityManager, organizationId: string, now: Date, includeShadows: boolean): Promise<OverdueRow[]> {
    return manager.query<OverdueRow[]>(
      `WITH assigned AS (
         SELECT r.id AS round_id, r.loop_id, r.title AS round_title, r.ends_at, x.user_id, x.shadow,
                r.ends_at + make_interval(hours => o.rating_due_hours) AS rating_due_at,
                r.ends_at + make_interval(hours => o.writeup_due_hours) AS writeup_due_at,
                c.name AS candidate_name
           FROM loop_rounds r
           JOIN loops l ON l.id = r.loop_id AND l.status NOT IN ('decided', 'cancelled')
           JOIN candidates c ON c.id = l.candidate_id
           JOIN organizations o ON o.id = r.organization_id
           CROSS JOIN LATERAL (
             SELECT r.interviewer_id AS user_id, false AS shadow WHERE r.interviewer_id IS NOT NULL
             UNION ALL
             SELECT sh.user_id, true FROM round_shadows sh WHERE sh.round_id = r.id AND $3
           ) x
          WHERE r.organization_id = $1 AND r.ends_at IS NOT NULL
       )
       SELECT a.round_id, a.loop_id, a.round_title, a.candidate_name, a.user_id, u.name AS user_name, a.shadow, a.ends_at,
              a.rating_due_at, a.writeup_due_at, s.status, (s.recommendation IS NOT NULL) AS has_recommendation
         FROM assigned a
         JOIN users u ON u.id = a.user_id
         LEFT JOIN scorecards s ON s.round_id = a.round_id AND s.author_id = a.user_id
        WHERE (s.status IS NULL OR s.status <> 'submitted') AND a.rating_due_at < $2
        ORDER BY u.name, u.id, a.ends_at, a.round_id`,
      [organizationId, now, includeShadows],
    );
  }
}

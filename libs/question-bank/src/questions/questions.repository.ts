import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor } from '@loopwright/core';
import { lockInOrg, poolQuery, SqlParams, withRowsVersionSql } from '@loopwright/database';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { StatusFilter } from './list-questions-query.dto.js';
import type { QuestionDetailRow, QuestionRow, QuestionVersionRow } from './question.mapper.js';
import type { ExposureKind } from './question-exposure.entity.js';
import { QuestionVersion, type Rubric } from './question-version.entity.js';
import { Question, type QuestionRole } from './question.entity.js';
import { pillarsJson } from '../pillars/pillars.sql.js';
import { toWebSearchText } from './search-text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Rows per multi-row INSERT: far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 500;

const ROW_COLUMNS = `q.id, q.pillar_id, p.key AS pillar_key, q.title, q.prompt, q.tags, q.difficulty, q.roles, q.status, q.retire_reason,
  q.retired_at, q.author_id, q.current_version, q.times_planned, q.times_asked, q.last_planned_at, q.last_asked_at, q.created_at, q.updated_at`;

/** SQL: the organization's questions among the uuid[] `ids`, a json array of `QuestionCatalog['questions']`. */
const questionRefsJson = (organization: string, ids: string): string =>
  `coalesce((SELECT json_agg(json_build_object('id', q.id, 'pillarId', q.pillar_id, 'status', q.status, 'currentVersion', q.current_version,
                                               'title', q.title))
               FROM questions q WHERE q.organization_id = ${organization} AND q.id = ANY(${ids}::uuid[])), '[]'::json)`;

export interface SearchFilters {
  q?: string;
  pillar?: string;
  tag?: string;
  difficulty?: number;
  status: StatusFilter;
  role?: QuestionRole;
  limit: number;
  cursor?: string;
}

/** A new question with its first version. */
export interface NewQuestion {
  pillarId: string;
  title: string;
  prompt: string;
  rubric: Rubric;
  followUps: string[];
  tags: string[];
  difficulty: number;
  roles: QuestionRole[];
}

export interface ExposureInput {
  questionId: string;
  /** The question version planned or asked. */
  version: number;
  candidateId: string;
  loopId?: string | null;
  kind: ExposureKind;
  /** Defaults to now. */
  at?: Date;
}

export interface PlanningCriteria {
  pillarIds: string[];
  /** `ai_engineer` or `ml_engineer`: questions tagged with other roles only are left out. */
  roleFamily?: string | null;
  excludeIds?: string[];
  /** Also leaves out every question this candidate was already planned or asked. */
  candidateId?: string | null;
  count: number;
  /** Questions carrying any of these tags come first (least exposed first among them); the others fill up. */
  preferTags?: string[];
}

export interface PlannedQuestion {
  questionId: string;
  pillarId: string;
  version: number;
  title: string;
}

/** A pillar as other features show it. */
export interface CatalogPillar {
  id: string;
  key: string;
  name: string;
  description: string;
}

/** The organization's pillars in their order, with the questions and exact versions a read model asked for. */
export interface QuestionCatalog {
  pillars: CatalogPillar[];
  questions: { id: string; pillarId: string; status: Question['status']; currentVersion: number; title: string }[];
  versions: (QuestionVersionRow & { title: string; pillar_id: string })[];
}

export interface ExportRow {
  pillar_key: string;
  title: string;
  prompt: string;
  rubric: Rubric;
  follow_ups: string[];
  tags: string[];
  difficulty: number;
  roles: QuestionRole[];
}

/** Questions, their versions and exposures, always within one organization; each method is one statement. */
@Injectable()
export class QuestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  lockInOrg(manager: EntityManager, organizationId: string, id: string): Promise<Question | null> {
    return lockInOrg(manager, Question, organizationId, id);
  }

  currentVersion(manager: EntityManager, question: Question): Promise<QuestionVersion> {
    return manager.findOneByOrFail(QuestionVersion, {
      organizationId: question.organizationId,
      questionId: question.id,
      number: question.currentVersion,
    });
  }

  /** The question with its pillar key and current version, or null. */
  async detail(organizationId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<QuestionDetailRow | null> {
    const rows = await manager.query<QuestionDetailRow[]>(
      `SELECT ${ROW_COLUMNS}, NULL::float8 AS rank, v.rubric, v.follow_ups, v.created_at AS version_created_at
         FROM questions q
         JOIN pillars p ON p.id = q.pillar_id
         JOIN question_versions v ON v.question_id = q.id AND v.number = q.current_version
        WHERE q.organization_id = $1 AND q.id = $2`,
      [organizationId, id],
    );
    return rows[0] ?? null;
  }

  /** Every version of a question, newest first; empty when the question is not in the organization. */
  versions(organizationId: string, questionId: string): Promise<QuestionVersionRow[]> {
    return this.dataSource.query<QuestionVersionRow[]>(
      `SELECT id, question_id, number, prompt, rubric, follow_ups, author_id, created_at
         FROM question_versions WHERE organization_id = $1 AND question_id = $2 ORDER BY number DESC`,
      [organizationId, questionId],
    );
  }

  /** Specific versions (what a kit or a scorecard refers to), with the question's title. */
  findVersions(
    manager: EntityManager,
    organizationId: string,
    refs: { questionId: string; version: number }[],
  ): Promise<(QuestionVersionRow & { title: string; pillar_id: string })[]> {
    if (refs.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT v.id, v.question_id, v.number, v.prompt, v.rubric, v.follow_ups, v.author_id, v.created_at, q.title, q.pillar_id
         FROM unnest($2::uuid[], $3::int[]) AS r(question_id, number)
         JOIN question_versions v ON v.question_id = r.question_id AND v.number = r.number AND v.organization_id = $1
         JOIN questions q ON q.id = v.question_id`,
      [organizationId, refs.map((ref) => ref.questionId), refs.map((ref) => ref.version)],
    );
  }

  /**
   * The pillars and questions of `catalog` as ONE expression of the caller's statement (a loop's detail): json
   * `{ pillars, questions }`, shaped as `catalog` gives them; the values bound through `params`.
   */
  catalogSql(params: SqlParams, organizationId: string, questionIds: readonly string[]): string {
    const organization = `${params.add(organizationId)}::uuid`;
    return `json_build_object('pillars', ${pillarsJson(organization)}, 'questions', ${questionRefsJson(organization, params.add([...new Set(questionIds)]))})`;
  }

  /**
   * The organization's pillars, the questions among `questionIds` and the exact `versions`, in ONE statement;
   * `withVersion`: with the version of the row read (`withRowsVersionSql`), same statement.
   */
  async catalog(
    manager: EntityManager,
    organizationId: string,
    questionIds: readonly string[],
    versions: readonly { questionId: string; version: number }[],
    options: { withVersion?: boolean } = {},
  ): Promise<QuestionCatalog & { version: string | null }> {
    const params = new SqlParams();
    const select = this.catalogReadSql(params, organizationId, questionIds, versions);
    const [row] = await poolQuery<(QuestionCatalog & { rows_version?: string })[]>(manager, options.withVersion ? withRowsVersionSql(select) : select, params.values);
    return {
      pillars: row!.pillars,
      questions: row!.questions,
      versions: row!.versions.map((version) => ({ ...version, created_at: new Date(version.created_at) })),
      version: row!.rows_version ?? null,
    };
  }

  /**
   * The statement of `catalog` (always one row), its values bound through `params`. Also what the catalog's version
   * is made of (`QuestionsService.catalogVersionSql`).
   */
  catalogReadSql(
    params: SqlParams,
    organizationId: string,
    questionIds: readonly string[],
    versions: readonly { questionId: string; version: number }[],
  ): string {
    const organization = `${params.add(organizationId)}::uuid`;
    return `SELECT ${pillarsJson(organization)} AS pillars, ${questionRefsJson(organization, params.add([...new Set(questionIds)]))} AS questions,
              coalesce((SELECT json_agg(json_build_object('id', v.id, 'question_id', v.question_id, 'number', v.number, 'prompt', v.prompt,
                                                          'rubric', v.rubric, 'follow_ups', v.follow_ups, 'author_id', v.author_id,
                                                          'created_at', v.created_at, 'title', q.title, 'pillar_id', q.pillar_id)
                                        ORDER BY r.at)
                          FROM unnest(${params.add(versions.map((ref) => ref.questionId))}::uuid[], ${params.add(versions.map((ref) => ref.version))}::int[])
                               WITH ORDINALITY AS r(question_id, number, at)
                          JOIN question_versions v ON v.question_id = r.question_id AND v.number = r.number AND v.organization_id = ${organization}
                          JOIN questions q ON q.id = v.question_id), '[]'::json) AS versions`;
  }

  /**
   * One page of the search, in ONE statement: filters, full-text match and rank, keyset pagination.
   * Fetches `limit + 1` rows (the extra one says there is a next page).
   */
  search(organizationId: string, filters: SearchFilters): Promise<QuestionRow[]> {
    const params = new SqlParams();
    const where = [`q.organization_id = ${params.add(organizationId)}`];
    if (filters.status !== 'all') where.push(`q.status = ${params.add(filters.status)}`);
    if (filters.pillar !== undefined) {
      where.push(UUID.test(filters.pillar) ? `q.pillar_id = ${params.add(filters.pillar)}` : `p.key = ${params.add(filters.pillar)}`);
    }
    if (filters.tag !== undefined) where.push(`q.tags @> ARRAY[${params.add(filters.tag)}]::text[]`);
    if (filters.difficulty !== undefined) where.push(`q.difficulty = ${params.add(filters.difficulty)}`);
    if (filters.role !== undefined) where.push(`(q.roles = '{}' OR q.roles @> ARRAY[${params.add(filters.role)}]::text[])`);

    const text = filters.q === undefined ? '' : toWebSearchText(filters.q);
    let from = 'questions q JOIN pillars p ON p.id = q.pillar_id';
    let rank = 'NULL::float8';
    let order: string;
    if (text !== '') {
      from += ` CROSS JOIN websearch_to_tsquery('english', ${params.add(text)}) AS query`;
      where.push('q.search @@ query');
      // float8 prints the shortest text that reads back exactly, so a rank survives the cursor's JSON.
      rank = 'ts_rank(q.search, query)::float8';
      const after = rankCursor(filters.cursor);
      if (after) where.push(`(${rank}, q.id) < (${params.add(after.rank)}::float8, ${params.add(after.id)}::uuid)`);
      order = 'rank DESC, q.id DESC';
    } else {
      const after = createdCursor(filters.cursor);
      if (after) where.push(`(q.created_at, q.id) < (${params.add(after.createdAt)}::timestamptz, ${params.add(after.id)}::uuid)`);
      order = 'q.created_at DESC, q.id DESC';
    }
    return poolQuery<QuestionRow[]>(
      this.dataSource.manager,
      `SELECT ${ROW_COLUMNS}, ${rank} AS rank FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${params.add(filters.limit + 1)}`,
      params.values,
    );
  }

  /** Questions with their current version in the shape of an import, by pillar order then age. */
  exportRows(organizationId: string, filters: { status: StatusFilter; pillar?: string }): Promise<ExportRow[]> {
    const params = new SqlParams();
    const where = [`q.organization_id = ${params.add(organizationId)}`];
    if (filters.status !== 'all') where.push(`q.status = ${params.add(filters.status)}`);
    if (filters.pillar !== undefined) {
      where.push(UUID.test(filters.pillar) ? `q.pillar_id = ${params.add(filters.pillar)}` : `p.key = ${params.add(filters.pillar)}`);
    }
    return this.dataSource.query<ExportRow[]>(
      `SELECT p.key AS pillar_key, q.title, v.prompt, v.rubric, v.follow_ups, q.tags, q.difficulty, q.roles
         FROM questions q
         JOIN pillars p ON p.id = q.pillar_id
         JOIN question_versions v ON v.question_id = q.id AND v.number = q.current_version
        WHERE ${where.join(' AND ')}
        ORDER BY p.position, p.id, q.created_at, q.id`,
      params.values,
    );
  }

  /** Inserts questions with their first version in a few multi-row statements; returns the ids in input order. */
  async insertMany(manager: EntityManager, organizationId: string, authorId: string | null, items: NewQuestion[]): Promise<string[]> {
    // Ascending ids in input order: rows of one statement share created_at, and (created_at, id) then keeps their order.
    const ids = items.map(() => randomUUID()).sort();
    const questions = items.map((item, index) =>
      manager.create(Question, {
        id: ids[index],
        organizationId,
        pillarId: item.pillarId,
        title: item.title,
        prompt: item.prompt,
        tags: item.tags,
        difficulty: item.difficulty,
        roles: item.roles,
        status: 'active',
        authorId,
        currentVersion: 1,
      }),
    );
    const versions = items.map((item, index) =>
      manager.create(QuestionVersion, {
        id: randomUUID(),
        organizationId,
        questionId: ids[index],
        number: 1,
        prompt: item.prompt,
        rubric: item.rubric,
        followUps: item.followUps,
        authorId,
      }),
    );
    for (let start = 0; start < items.length; start += INSERT_CHUNK) {
      await manager.insert(Question, questions.slice(start, start + INSERT_CHUNK));
    }
    for (let start = 0; start < items.length; start += INSERT_CHUNK) {
      await manager.insert(QuestionVersion, versions.slice(start, start + INSERT_CHUNK));
    }
    return ids;
  }

  /**
   * Records exposures and bumps the questions' counters in ONE statement. Returns how many rows were
   * recorded: fewer than given when a (question, version) is not in the organization.
   */
  async recordExposures(manager: EntityManager, organizationId: string, rows: ExposureInput[]): Promise<number> {
    if (rows.length === 0) return 0;
    const now = new Date();
    const [result] = await manager.query<{ recorded: number }[]>(
      `WITH input AS (
         SELECT * FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[])
           AS r(question_id, version, candidate_id, loop_id, kind, at)
       ), recorded AS (
         INSERT INTO question_exposures (organization_id, question_id, version, candidate_id, loop_id, kind, at)
         SELECT $1::uuid, i.question_id, i.version, i.candidate_id, i.loop_id, i.kind, i.at
           FROM input i
           JOIN question_versions v ON v.question_id = i.question_id AND v.number = i.version AND v.organization_id = $1
         RETURNING question_id, kind, at
       ), counted AS (
         UPDATE questions q
            SET times_planned = q.times_planned + c.planned,
                times_asked = q.times_asked + c.asked,
                last_planned_at = GREATEST(q.last_planned_at, c.last_planned_at),
                last_asked_at = GREATEST(q.last_asked_at, c.last_asked_at)
           FROM (
             SELECT question_id,
                    count(*) FILTER (WHERE kind = 'planned')::int AS planned,
                    count(*) FILTER (WHERE kind = 'asked')::int AS asked,
                    max(at) FILTER (WHERE kind = 'planned') AS last_planned_at,
                    max(at) FILTER (WHERE kind = 'asked') AS last_asked_at
               FROM recorded GROUP BY question_id
           ) c
          WHERE q.id = c.question_id AND q.organization_id = $1
       )
       SELECT count(*)::int AS recorded FROM recorded`,
      [
        organizationId,
        rows.map((row) => row.questionId),
        rows.map((row) => row.version),
        rows.map((row) => row.candidateId),
        rows.map((row) => row.loopId ?? null),
        rows.map((row) => row.kind),
        rows.map((row) => row.at ?? now),
      ],
    );
    return result?.recorded ?? 0;
  }

  async questionIdsSeenByCandidate(
    organizationId: string,
    candidateId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    const rows = await manager.query<{ question_id: string }[]>(
      'SELECT DISTINCT question_id FROM question_exposures WHERE organization_id = $1 AND candidate_id = $2',
      [organizationId, candidateId],
    );
    return new Set(rows.map((row) => row.question_id));
  }

  /** The organization's questions among `ids`: title, pillar, status and current version. One statement. */
  refsByIds(manager: EntityManager, organizationId: string, ids: string[]): Promise<{ id: string; title: string; pillar_id: string; status: string; current_version: number }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query(`SELECT id, title, pillar_id, status, current_version FROM questions WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [
      organizationId,
      ids,
    ]);
  }

  statsRows(
    organizationId: string,
    questionIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Pick<QuestionRow, 'id' | 'times_planned' | 'times_asked' | 'last_planned_at' | 'last_asked_at'>[]> {
    return manager.query(
      `SELECT id, times_planned, times_asked, last_planned_at, last_asked_at FROM questions WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [organizationId, questionIds],
    );
  }

  /**
   * Active questions of the pillars, in ONE statement: role match (untagged questions suit every role), minus
   * the excluded and (optionally) those the candidate has seen; least asked then least planned first, ties broken
   * at random, taking turns between the pillars so that each gets its share.
   */
  async pickForPlanning(manager: EntityManager, organizationId: string, criteria: PlanningCriteria): Promise<PlannedQuestion[]> {
    if (criteria.count <= 0 || criteria.pillarIds.length === 0) return [];
    const params = new SqlParams();
    const where = [
      `q.organization_id = ${params.add(organizationId)}`,
      `q.status = 'active'`,
      `q.pillar_id = ANY(${params.add(criteria.pillarIds)}::uuid[])`,
    ];
    if (criteria.excludeIds && criteria.excludeIds.length > 0) where.push(`q.id <> ALL(${params.add(criteria.excludeIds)}::uuid[])`);
    if (criteria.roleFamily) where.push(`(q.roles = '{}' OR ${params.add(criteria.roleFamily)} = ANY(q.roles))`);
    if (criteria.candidateId) {
      where.push(
        `NOT EXISTS (SELECT 1 FROM question_exposures e WHERE e.organization_id = q.organization_id AND e.candidate_id = ${params.add(criteria.candidateId)} AND e.question_id = q.id)`,
      );
    }
    const preferred = criteria.preferTags && criteria.preferTags.length > 0 ? `q.tags && ${params.add(criteria.preferTags)}::text[]` : 'false';
    const rows = await manager.query<{ id: string; pillar_id: string; current_version: number; title: string }[]>(
      `WITH eligible AS (
         SELECT q.id, q.pillar_id, q.current_version, q.title, q.times_asked, q.times_planned, random() AS tiebreak,
                (${preferred}) AS preferred
           FROM questions q WHERE ${where.join(' AND ')}
       ), ranked AS (
         SELECT *, row_number() OVER (PARTITION BY pillar_id, preferred ORDER BY times_asked, times_planned, tiebreak) AS turn FROM eligible
       )
       SELECT id, pillar_id, current_version, title FROM ranked
        ORDER BY preferred DESC, turn, times_asked, times_planned, tiebreak LIMIT ${params.add(criteria.count)}`,
      params.values,
    );
    return rows.map((row) => ({ questionId: row.id, pillarId: row.pillar_id, version: row.current_version, title: row.title }));
  }
}

function rankCursor(cursor: string | undefined): { rank: number; id: string } | null {
  return decodeCursor(cursor, { rank: 'number', id: 'uuid' });
}

function createdCursor(cursor: string | undefined): { createdAt: string; id: string } | null {
  return decodeCursor(cursor, { createdAt: 'timestamp', id: 'uuid' });
}

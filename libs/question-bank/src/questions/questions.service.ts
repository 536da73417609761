import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound, staleVersion, toPage, validationFailed, type Page } from '@loopwright/core';
import { rowsVersionSql, type SqlParams } from '@loopwright/database';
import { AuditLog, changesBetween, type Actor } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { PillarsService } from '../pillars/pillars.service.js';
import type { CreateQuestionDto } from './create-question.dto.js';
import type { ListQuestionsQueryDto } from './list-questions-query.dto.js';
import type { QuestionDto, QuestionStatsDto, QuestionSummaryDto, QuestionVersionDto } from './question.dto.js';
import { toQuestionDto, toQuestionSummaryDto, toQuestionVersionDto, toRubric, type QuestionRow } from './question.mapper.js';
import { EXPOSURE_KINDS, QuestionExposure } from './question-exposure.entity.js';
import { QuestionVersion, RUBRIC_LEVELS, type Rubric } from './question-version.entity.js';
import { Question } from './question.entity.js';
import { questionAlreadyRetired, unknownPillar } from './questions.errors.js';
import {
  QuestionsRepository,
  type CatalogPillar,
  type ExposureInput,
  type PlannedQuestion,
  type PlanningCriteria,
} from './questions.repository.js';
import type { RetireQuestionDto } from './retire-question.dto.js';
import type { UpdateQuestionDto } from './update-question.dto.js';

/** A question as other features refer to it. */
export interface QuestionRef {
  id: string;
  title: string;
  pillarId: string;
  status: Question['status'];
  currentVersion: number;
}

/** What a catalog is asked for: questions (their current title and pillar) and exact versions. */
export interface CatalogWanted {
  questionIds?: readonly string[];
  versions?: readonly { questionId: string; version: number }[];
}

/** What `catalog` answers: the organization's pillars in their order, the questions and the versions asked for. */
export interface Catalog {
  pillars: CatalogPillar[];
  questions: QuestionRef[];
  versions: (QuestionVersionDto & { title: string; pillarId: string })[];
}

/** What `catalogSql` answers, parsed: the organization's pillars in their order and the questions asked for. */
export interface CatalogRefs {
  pillars: CatalogPillar[];
  questions: QuestionRef[];
}

/** Fields edited in place, audited with their values; content changes are audited as the version they made. */
const IN_PLACE_FIELDS = ['pillarId', 'title', 'tags', 'difficulty', 'roles'] as const;
type InPlaceField = (typeof IN_PLACE_FIELDS)[number];

export type { CatalogPillar, ExposureInput, PlannedQuestion, PlanningCriteria } from './questions.repository.js';

/**
 * The question bank: versioned questions, search, retirement, and exposure (what the loops feature plans and
 * scorecards record). Other features use the exposure and planning methods; they never touch the tables.
 */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly questions: QuestionsRepository,
    private readonly pillars: PillarsService,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: CreateQuestionDto): Promise<QuestionDto> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.pillars.findInOrg(manager, actor.organizationId, input.pillarId))) throw unknownPillar();
      const [id] = await this.questions.insertMany(manager, actor.organizationId, actor.userId, [
        {
          pillarId: input.pillarId,
          title: input.title,
          prompt: input.prompt,
          rubric: toRubric(input.rubric),
          followUps: input.followUps ?? [],
          tags: input.tags ?? [],
          difficulty: input.difficulty,
          roles: input.roles ?? [],
        },
      ]);
      const created = await this.detailOrFail(manager, actor, id as string);
      await this.audit.recordCreated(manager, actor, 'question', created.id, created, ['pillarId', 'title', 'tags', 'difficulty', 'roles', 'version']);
      return created;
    });
  }

  async get(actor: Actor, id: string): Promise<QuestionDto> {
    return this.detailOrFail(this.dataSource.manager, actor, id);
  }

  async list(actor: Actor, query: ListQuestionsQueryDto): Promise<Page<QuestionSummaryDto>> {
    const rows = await this.questions.search(actor.organizationId, query);
    return toPage(rows, query.limit, toQuestionSummaryDto, (row: QuestionRow): Record<string, string | number> =>
      row.rank !== null ? { rank: row.rank, id: row.id } : { createdAt: row.created_at.toISOString(), id: row.id },
    );
  }

  async versions(actor: Actor, id: string): Promise<QuestionVersionDto[]> {
    const rows = await this.questions.versions(actor.organizationId, id);
    // Every question has a first version: none means no such question here.
    if (rows.length === 0) throw notFound('Question');
    return rows.map(toQuestionVersionDto);
  }

  /**
   * Title, tags, difficulty, roles and pillar change in place; a different prompt, rubric or follow-ups make
   * version n + 1 (the older versions stay as they were). `version`, when given, must be the current one.
   */
  async update(actor: Actor, id: string, input: UpdateQuestionDto): Promise<QuestionDto> {
    return this.dataSource.transaction(async (manager) => {
      const question = await this.questions.lockInOrg(manager, actor.organizationId, id);
      if (!question) throw notFound('Question');
      if (input.version !== undefined && input.version !== question.currentVersion) {
        throw staleVersion(await this.detailOrFail(manager, actor, id));
      }
      if (input.pillarId !== undefined && input.pillarId !== question.pillarId) {
        if (!(await this.pillars.findInOrg(manager, actor.organizationId, input.pillarId))) throw unknownPillar();
      }

      const current = await this.questions.currentVersion(manager, question);
      const content = {
        prompt: input.prompt ?? current.prompt,
        rubric: input.rubric ? toRubric(input.rubric) : toRubric(current.rubric),
        followUps: input.followUps ?? current.followUps,
      };
      const contentChanged =
        content.prompt !== current.prompt || !sameRubric(content.rubric, current.rubric) || !sameList(content.followUps, current.followUps);

      const before: Pick<Question, InPlaceField | 'currentVersion'> = pick(question);
      const after: Pick<Question, InPlaceField | 'currentVersion'> = {
        pillarId: input.pillarId ?? question.pillarId,
        title: input.title ?? question.title,
        tags: input.tags ?? question.tags,
        difficulty: input.difficulty ?? question.difficulty,
        roles: input.roles ?? question.roles,
        currentVersion: contentChanged ? question.currentVersion + 1 : question.currentVersion,
      };
      const changes = changesBetween(before, after, [...IN_PLACE_FIELDS, 'currentVersion']);
      if (Object.keys(changes).length === 0) return this.detailOrFail(manager, actor, id);

      if (contentChanged) {
        await manager.insert(QuestionVersion, {
          id: randomUUID(),
          organizationId: actor.organizationId,
          questionId: id,
          number: after.currentVersion,
          prompt: content.prompt,
          rubric: content.rubric,
          followUps: content.followUps,
          authorId: actor.userId,
        });
      }
      await manager.update(Question, { id, organizationId: actor.organizationId }, { ...after, prompt: content.prompt });
      const { currentVersion: versionChange, ...fieldChanges } = changes;
      await this.audit.record(manager, actor, {
        action: 'question.updated',
        entityType: 'question',
        entityId: id,
        changes: versionChange ? { ...fieldChanges, version: versionChange } : fieldChanges,
      });
      return this.detailOrFail(manager, actor, id);
    });
  }

  /** Retired questions stay readable (and in old loops) but are never planned again. */
  async retire(actor: Actor, id: string, input: RetireQuestionDto): Promise<QuestionDto> {
    return this.dataSource.transaction(async (manager) => {
      const question = await this.questions.lockInOrg(manager, actor.organizationId, id);
      if (!question) throw notFound('Question');
      if (question.status === 'retired') throw questionAlreadyRetired();
      await manager.update(
        Question,
        { id, organizationId: actor.organizationId },
        { status: 'retired', retireReason: input.reason, retiredAt: new Date() },
      );
      await this.audit.record(manager, actor, {
        action: 'question.retired',
        entityType: 'question',
        entityId: id,
        changes: { status: { before: 'active', after: 'retired' }, retireReason: { before: null, after: input.reason } },
      });
      return this.detailOrFail(manager, actor, id);
    });
  }

  // ---- Exposure: called by the loops and scorecards features, inside their transactions ----

  /** Records that questions were planned for or asked of a candidate, and updates each question's stats. */
  async recordExposure(manager: EntityManager, organizationId: string, rows: ExposureInput[]): Promise<void> {
    const badKind = rows.findIndex((row) => !EXPOSURE_KINDS.includes(row.kind));
    if (badKind >= 0) throw validationFailed([{ field: `${badKind}.kind`, problems: ['kind must be planned or asked'] }]);
    const recorded = await this.questions.recordExposures(manager, organizationId, rows);
    if (recorded !== rows.length) throw notFound('Question version');
  }

  /** Records that `questions` (at their versions) were planned for the candidate of a loop; nothing for none. */
  async recordPlanned(
    manager: EntityManager,
    organizationId: string,
    loop: { candidateId: string; loopId: string },
    questions: readonly { questionId: string; version: number }[],
  ): Promise<void> {
    await this.recordExposure(
      manager,
      organizationId,
      questions.map(({ questionId, version }) => ({ questionId, version, candidateId: loop.candidateId, loopId: loop.loopId, kind: 'planned' })),
    );
  }

  /** Delete-mode erasure: the candidate's question exposures go (the exposure stats count from what is left). */
  async deleteExposuresOfCandidate(manager: EntityManager, organizationId: string, candidateId: string): Promise<number> {
    const { affected } = await manager.delete(QuestionExposure, { organizationId, candidateId });
    return affected ?? 0;
  }

  /** Every question this candidate was planned or asked, in any loop. */
  questionIdsSeenByCandidate(organizationId: string, candidateId: string, manager?: EntityManager): Promise<Set<string>> {
    return this.questions.questionIdsSeenByCandidate(organizationId, candidateId, manager);
  }

  /** Exposure stats by question id (questions of other organizations are left out). */
  async stats(organizationId: string, questionIds: string[], manager?: EntityManager): Promise<Map<string, QuestionStatsDto>> {
    if (questionIds.length === 0) return new Map();
    const rows = await this.questions.statsRows(organizationId, questionIds, manager);
    return new Map(
      rows.map((row) => [
        row.id,
        {
          timesPlanned: row.times_planned,
          timesAsked: row.times_asked,
          lastPlannedAt: row.last_planned_at,
          lastAskedAt: row.last_asked_at,
        },
      ]),
    );
  }

  /**
   * Picks up to `count` questions for a round, in one query: active questions of the pillars, suited to the role,
   * not excluded (and, with `candidateId`, never seen by that candidate), least exposed first, ties at random.
   */
  pickQuestionsForPlanning(manager: EntityManager, organizationId: string, criteria: PlanningCriteria): Promise<PlannedQuestion[]> {
    return this.questions.pickForPlanning(manager, organizationId, criteria);
  }

  /**
   * The organization's questions among `ids` (others are left out): title, pillar, status and current version, for
   * a feature that pins or shows questions by id (a scorecard's questions asked, analytics). One statement.
   */
  async refsByIds(manager: EntityManager, organizationId: string, ids: string[]): Promise<QuestionRef[]> {
    const rows = await this.questions.refsByIds(manager, organizationId, [...new Set(ids)]);
    return rows.map((row) => ({ id: row.id, title: row.title, pillarId: row.pillar_id, status: row.status as QuestionRef['status'], currentVersion: row.current_version }));
  }

  /** The exact versions a kit or scorecard refers to, with the question's title and pillar. */
  async findVersions(
    manager: EntityManager,
    organizationId: string,
    refs: { questionId: string; version: number }[],
  ): Promise<(QuestionVersionDto & { title: string; pillarId: string })[]> {
    const rows = await this.questions.findVersions(manager, organizationId, refs);
    return rows.map((row) => ({ ...toQuestionVersionDto(row), title: row.title, pillarId: row.pillar_id }));
  }

  /**
   * For read models that show pillars and questions together (a loop, a kit, a packet), in ONE statement: the
   * organization's pillars in their order, the questions among `questionIds` (current title and pillar) and the
   * exact versions asked for (with the question's title and pillar).
   */
  async catalog(organizationId: string, wanted: CatalogWanted, manager: EntityManager = this.dataSource.manager): Promise<Catalog> {
    return (await this.versionedCatalog(organizationId, wanted, manager, false)).catalog;
  }

  /**
   * `catalog` with the version of what it read (`catalogVersionSql` gives the same while nothing it read changed), in
   * the same ONE statement.
   */
  async versionedCatalog(organizationId: string, wanted: CatalogWanted, manager: EntityManager, withVersion = true): Promise<{ catalog: Catalog; version: string }> {
    const catalog = await this.questions.catalog(manager, organizationId, wanted.questionIds ?? [], wanted.versions ?? [], { withVersion });
    return {
      catalog: {
        pillars: catalog.pillars,
        questions: catalog.questions,
        versions: catalog.versions.map((row) => ({ ...toQuestionVersionDto(row), title: row.title, pillarId: row.pillar_id })),
      },
      version: catalog.version ?? '',
    };
  }

  /**
   * The pillars and questions of `catalog` as an SQL expression to embed in the caller's statement (like
   * `AuditLog.recordEachSql`), where a read model must stay at its statement count (a loop's detail): json
   * `CatalogRefs`. Values are bound through `params`.
   */
  catalogSql(params: SqlParams, organizationId: string, questionIds: readonly string[]): string {
    return this.questions.catalogSql(params, organizationId, questionIds);
  }

  /**
   * The version of exactly what `catalog` reads for `wanted` (the pillars, the questions and versions asked for): an
   * SQL expression to embed in the caller's statement (`rowsVersionSql` over the same statement), so that a catalog
   * kept with its version is known unchanged while the version is. Values are bound through `params`.
   */
  catalogVersionSql(params: SqlParams, organizationId: string, wanted: CatalogWanted): string {
    return rowsVersionSql(this.questions.catalogReadSql(params, organizationId, wanted.questionIds ?? [], wanted.versions ?? []));
  }

  private async detailOrFail(manager: EntityManager, actor: Actor, id: string): Promise<QuestionDto> {
    const row = await this.questions.detail(actor.organizationId, id, manager);
    if (!row) throw notFound('Question');
    return toQuestionDto(row);
  }
}

function pick(question: Question): Pick<Question, InPlaceField | 'currentVersion'> {
  const { pillarId, title, tags, difficulty, roles, currentVersion } = question;
  return { pillarId, title, tags, difficulty, roles, currentVersion };
}

function sameRubric(a: Rubric, b: Rubric): boolean {
  return RUBRIC_LEVELS.every((level) => a[level] === b[level]);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toCsv, toFieldProblems, validationFailed, type FieldProblem } from '@loopwright/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuditLog, type Actor } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PillarsService } from '../pillars/pillars.service.js';
import { ImportQuestionDto } from './import-question.dto.js';
import type { ExportQuestionsQueryDto } from './list-questions-query.dto.js';
import type { ExportedQuestionDto, ImportResultDto } from './question.dto.js';
import { toRubric } from './question.mapper.js';
import { QuestionsRepository, type NewQuestion } from './questions.repository.js';

/** At most this many questions per import (the HTTP body limit of 1 MB usually comes first). */
export const MAX_IMPORT_ROWS = 1_000;

/** CSV columns; lists are joined with `|` (tags, roles) or a line break (follow-ups, which are sentences). */
export const CSV_COLUMNS = [
  'pillar',
  'title',
  'prompt',
  'rubric_strong_no',
  'rubric_no',
  'rubric_yes',
  'rubric_strong_yes',
  'followUps',
  'tags',
  'difficulty',
  'roles',
] as const;

/** Import and export of questions: the HTTP routes and the CLI share these methods. */
@Injectable()
export class QuestionTransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly questions: QuestionsRepository,
    private readonly pillars: PillarsService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Validates every row (fields, then pillars) and imports all of them in one transaction, or none: any problem
   * answers 400 `VALIDATION_FAILED` with fields named by row index (`3.rubric.no`). `rows` is the parsed JSON array.
   */
  async importQuestions(actor: Actor, rows: unknown): Promise<ImportResultDto> {
    if (!Array.isArray(rows)) throw validationFailed([{ field: 'body', problems: ['the body must be a JSON array of questions'] }]);
    if (rows.length > MAX_IMPORT_ROWS)
      throw validationFailed([{ field: 'body', problems: [`at most ${MAX_IMPORT_ROWS} questions per import`] }]);
    const pillars = await this.pillars.listInOrg(actor.organizationId);
    const byKey = new Map(pillars.map((pillar) => [pillar.key, pillar.id]));
    const byId = new Set(pillars.map((pillar) => pillar.id));
    const problems: FieldProblem[] = [];
    const items: NewQuestion[] = [];
    for (const [index, raw] of rows.entries()) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        problems.push({ field: String(index), problems: ['each question must be an object'] });
        continue;
      }
      const row = plainToInstance(ImportQuestionDto, raw);
      const rowProblems = toFieldProblems(
        await validate(row, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
        String(index),
      );
      problems.push(...rowProblems);
      // A row whose pillar fields are fine still gets its pillar checked, so one answer lists every problem.
      if (rowProblems.some((problem) => /^\d+\.pillar(Id)?$/.test(problem.field))) continue;
      const pillarId = resolvePillar(row, index, byKey, byId, problems);
      if (pillarId === null || rowProblems.length > 0) continue;
      items.push({
        pillarId,
        title: row.title,
        prompt: row.prompt,
        rubric: toRubric(row.rubric),
        followUps: row.followUps ?? [],
        tags: row.tags ?? [],
        difficulty: row.difficulty,
        roles: row.roles ?? [],
      });
    }
    if (problems.length > 0) throw validationFailed(problems, `Nothing was imported: ${problems.length} problem(s) in the rows`);
    if (items.length === 0) return { imported: 0, ids: [] };

    const ids = await this.dataSource.transaction(async (manager) => {
      const created = await this.questions.insertMany(manager, actor.organizationId, actor.userId, items);
      await this.audit.record(manager, actor, {
        action: 'questions.imported',
        entityType: 'question_import',
        entityId: randomUUID(),
        changes: { imported: { before: null, after: created.length }, questionIds: { before: null, after: created } },
      });
      return created;
    });
    return { imported: ids.length, ids };
  }

  /** The organization's questions (current versions) in the shape `importQuestions` accepts. */
  async exportQuestions(actor: Actor, query: Pick<ExportQuestionsQueryDto, 'status' | 'pillar'>): Promise<ExportedQuestionDto[]> {
    const rows = await this.questions.exportRows(actor.organizationId, { status: query.status, pillar: query.pillar });
    return rows.map((row) => ({
      pillar: row.pillar_key,
      title: row.title,
      prompt: row.prompt,
      rubric: toRubric(row.rubric),
      followUps: row.follow_ups,
      tags: row.tags,
      difficulty: row.difficulty,
      roles: row.roles,
    }));
  }

  /** RFC 4180 CSV of the export, one question per row, rubric as four columns; formula-like cells are escaped with `'`. */
  toCsv(questions: ExportedQuestionDto[]): string {
    return toCsv(
      CSV_COLUMNS,
      questions.map((question) => [
        question.pillar,
        question.title,
        question.prompt,
        question.rubric.strong_no,
        question.rubric.no,
        question.rubric.yes,
        question.rubric.strong_yes,
        question.followUps.join('\n'),
        question.tags.join('|'),
        String(question.difficulty),
        question.roles.join('|'),
      ]),
    );
  }
}

function resolvePillar(
  row: ImportQuestionDto,
  index: number,
  byKey: Map<string, string>,
  byId: Set<string>,
  problems: FieldProblem[],
): string | null {
  const fromKey = row.pillar === undefined ? undefined : byKey.get(row.pillar);
  if (row.pillar !== undefined && fromKey === undefined) {
    problems.push({ field: `${index}.pillar`, problems: [`"${row.pillar}" is not a pillar key of this organization`] });
    return null;
  }
  if (row.pillarId !== undefined && !byId.has(row.pillarId)) {
    problems.push({ field: `${index}.pillarId`, problems: ['pillarId is not a pillar of this organization'] });
    return null;
  }
  if (fromKey !== undefined && row.pillarId !== undefined && fromKey !== row.pillarId) {
    problems.push({ field: `${index}.pillarId`, problems: ['pillar and pillarId name different pillars'] });
    return null;
  }
  return fromKey ?? row.pillarId ?? null;
}

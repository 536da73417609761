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
import { CSV_COLUMNS, csvColumnOf, questionToCsvCells, readQuestionsCsv } from './question-csv.js';
import { toRubric } from './question.mapper.js';
import { QuestionsRepository, type NewQuestion } from './questions.repository.js';

/** At most this many questions per import (the HTTP body limit of 1 MB usually comes first). */
export const MAX_IMPORT_ROWS = 1_000;

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
    return this.importRows(
      actor,
      rows.map((raw, index) => ({ raw, label: String(index) })),
      (path) => path,
      'Nothing was imported',
    );
  }

  /**
   * The CSV of `GET /api/questions/export?format=csv` (same columns, lists encoded the same way, formula-escaped
   * cells read back to their text), imported like `importQuestions`: all rows or none. Problems name the row as a
   * person counts it (the first row after the header is 1) and the column: `3.rubric_no`, `1.tags`, `header`.
   */
  async importCsv(actor: Actor, text: string): Promise<ImportResultDto> {
    const read = readQuestionsCsv(text);
    if (!read.ok) throw validationFailed(read.problems, `Nothing was imported: ${read.problems.length} problem(s) in the CSV`);
    return this.importRows(
      actor,
      read.rows.map((row) => ({ raw: row.fields, label: String(row.row) })),
      csvColumnOf,
      'Nothing was imported (CSV rows counted from 1 below the header)',
    );
  }

  /** Rows labelled for problems (`label.field`, the field spelled by `fieldName`), validated then inserted together. */
  private async importRows(
    actor: Actor,
    rows: { raw: unknown; label: string }[],
    fieldName: (path: string) => string,
    failure: string,
  ): Promise<ImportResultDto> {
    if (rows.length > MAX_IMPORT_ROWS)
      throw validationFailed([{ field: 'body', problems: [`at most ${MAX_IMPORT_ROWS} questions per import`] }]);
    const pillars = await this.pillars.listInOrg(actor.organizationId);
    const byKey = new Map(pillars.map((pillar) => [pillar.key, pillar.id]));
    const byId = new Set(pillars.map((pillar) => pillar.id));
    const problems: FieldProblem[] = [];
    const items: NewQuestion[] = [];
    for (const { raw, label } of rows) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        problems.push({ field: label, problems: ['each question must be an object'] });
        continue;
      }
      const row = plainToInstance(ImportQuestionDto, raw);
      const fieldProblems = toFieldProblems(
        await validate(row, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
      );
      const rowProblems = mergeByField(
        fieldProblems.map((problem) => ({ field: `${label}.${fieldName(problem.field)}`, problems: problem.problems })),
      );
      problems.push(...rowProblems);
      // A row whose pillar fields are fine still gets its pillar checked, so one answer lists every problem.
      if (fieldProblems.some((problem) => /^pillar(Id)?$/.test(problem.field))) continue;
      const pillarId = resolvePillar(row, label, byKey, byId, problems);
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
    if (problems.length > 0) throw validationFailed(problems, `${failure}: ${problems.length} problem(s) in the rows`);
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
    return toCsv(CSV_COLUMNS, questions.map(questionToCsvCells));
  }
}

/** One entry per field (`followUps.0` and `followUps.2` both name the CSV column `followUps`). */
function mergeByField(problems: FieldProblem[]): FieldProblem[] {
  const merged = new Map<string, string[]>();
  for (const problem of problems) merged.set(problem.field, [...(merged.get(problem.field) ?? []), ...problem.problems]);
  return [...merged].map(([field, texts]) => ({ field, problems: [...new Set(texts)] }));
}

function resolvePillar(
  row: ImportQuestionDto,
  label: string,
  byKey: Map<string, string>,
  byId: Set<string>,
  problems: FieldProblem[],
): string | null {
  const fromKey = row.pillar === undefined ? undefined : byKey.get(row.pillar);
  if (row.pillar !== undefined && fromKey === undefined) {
    problems.push({ field: `${label}.pillar`, problems: [`"${row.pillar}" is not a pillar key of this organization`] });
    return null;
  }
  if (row.pillarId !== undefined && !byId.has(row.pillarId)) {
    problems.push({ field: `${label}.pillarId`, problems: ['pillarId is not a pillar of this organization'] });
    return null;
  }
  if (fromKey !== undefined && row.pillarId !== undefined && fromKey !== row.pillarId) {
    problems.push({ field: `${label}.pillarId`, problems: ['pillar and pillarId name different pillars'] });
    return null;
  }
  return fromKey ?? row.pillarId ?? null;
}

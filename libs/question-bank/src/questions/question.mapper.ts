import type { QuestionDto, QuestionSummaryDto, QuestionVersionDto } from './question.dto.js';
import type { Rubric } from './question-version.entity.js';
import type { QuestionRole, QuestionStatus } from './question.entity.js';

/** A `questions` row as the repository's SQL selects it (snake_case, straight from node-postgres). */
export interface QuestionRow {
  id: string;
  pillar_id: string;
  pillar_key: string;
  title: string;
  prompt: string;
  tags: string[];
  difficulty: number;
  roles: QuestionRole[];
  status: QuestionStatus;
  retire_reason: string | null;
  retired_at: Date | null;
  author_id: string | null;
  current_version: number;
  times_planned: number;
  times_asked: number;
  last_planned_at: Date | null;
  last_asked_at: Date | null;
  created_at: Date;
  updated_at: Date;
  rank: number | null;
}

/** A question row with its current version's rubric and follow-ups. */
export interface QuestionDetailRow extends QuestionRow {
  rubric: Rubric;
  follow_ups: string[];
  version_created_at: Date;
}

export interface QuestionVersionRow {
  id: string;
  question_id: string;
  number: number;
  prompt: string;
  rubric: Rubric;
  follow_ups: string[];
  author_id: string | null;
  created_at: Date;
}

export function toQuestionSummaryDto(row: QuestionRow): QuestionSummaryDto {
  const summary: QuestionSummaryDto = {
    id: row.id,
    pillarId: row.pillar_id,
    pillarKey: row.pillar_key,
    title: row.title,
    prompt: row.prompt,
    tags: row.tags,
    difficulty: row.difficulty,
    roles: row.roles,
    status: row.status,
    retireReason: row.retire_reason,
    retiredAt: row.retired_at,
    authorId: row.author_id,
    version: row.current_version,
    stats: {
      timesPlanned: row.times_planned,
      timesAsked: row.times_asked,
      lastPlannedAt: row.last_planned_at,
      lastAskedAt: row.last_asked_at,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.rank !== null) summary.rank = row.rank;
  return summary;
}

export function toQuestionDto(row: QuestionDetailRow): QuestionDto {
  return {
    ...toQuestionSummaryDto(row),
    rubric: toRubric(row.rubric),
    followUps: row.follow_ups,
    versionCreatedAt: row.version_created_at,
  };
}

export function toQuestionVersionDto(row: QuestionVersionRow): QuestionVersionDto {
  return {
    id: row.id,
    questionId: row.question_id,
    version: row.number,
    prompt: row.prompt,
    rubric: toRubric(row.rubric),
    followUps: row.follow_ups,
    authorId: row.author_id,
    createdAt: row.created_at,
  };
}

/** The four levels in their order, whatever order jsonb kept them in. */
export function toRubric(rubric: Rubric): Rubric {
  return { strong_no: rubric.strong_no, no: rubric.no, yes: rubric.yes, strong_yes: rubric.strong_yes };
}

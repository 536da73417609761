import type { QuestionRole, QuestionStatus } from './question.entity.js';
import type { RubricDto } from './rubric.dto.js';

/** How often the question reached candidates, kept as loops plan questions and scorecards record them. */
export class QuestionStatsDto {
  /** Times the question was planned for a round. */
  timesPlanned: number;
  /** Times an interviewer recorded asking it. */
  timesAsked: number;
  lastPlannedAt: Date | null;
  lastAskedAt: Date | null;
}

/** A question in a list: everything but the rubric and follow-ups of its current version. */
export class QuestionSummaryDto {
  id: string;
  pillarId: string;
  /** @example "foundations" */
  pillarKey: string;
  title: string;
  /** Markdown of the current version. */
  prompt: string;
  tags: string[];
  /** 1 (easiest) to 5. */
  difficulty: number;
  /** Empty: suits every role. */
  roles: QuestionRole[];
  status: QuestionStatus;
  /** Why it was retired; null while active. */
  retireReason: string | null;
  retiredAt: Date | null;
  /** null for seeded and system-imported questions. */
  authorId: string | null;
  /** The current version number (1, 2, ...): a new one with every change of prompt, rubric or follow-ups. */
  version: number;
  stats: QuestionStatsDto;
  createdAt: Date;
  updatedAt: Date;
  /** Search relevance, present when the list was searched with `q`. */
  rank?: number;
}

export class QuestionDto extends QuestionSummaryDto {
  rubric: RubricDto;
  followUps: string[];
  /** When the current version was written. */
  versionCreatedAt: Date;
}

export class QuestionPageDto {
  items: QuestionSummaryDto[];
  nextCursor: string | null;
}

/** One immutable version of a question's prompt, rubric and follow-ups. */
export class QuestionVersionDto {
  /** The version's own id, for references that need one row. */
  id: string;
  questionId: string;
  version: number;
  prompt: string;
  rubric: RubricDto;
  followUps: string[];
  /** Who wrote this version; null for seeded content. */
  authorId: string | null;
  createdAt: Date;
}

/** A question as `GET /api/questions/export` writes it and `POST /api/questions/import` reads it. */
export class ExportedQuestionDto {
  /** The pillar's key. */
  pillar: string;
  title: string;
  prompt: string;
  rubric: RubricDto;
  followUps: string[];
  tags: string[];
  difficulty: number;
  roles: QuestionRole[];
}

export class ImportResultDto {
  imported: number;
  /** The new questions' ids, in the order of the rows. */
  ids: string[];
}

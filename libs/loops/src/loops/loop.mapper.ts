import type { LoopDto, LoopRoundDto, LoopListItemDto } from './loop.dto.js';
import { coverageOf, effectiveStatus, type PillarRef } from './loop-status.js';
import type { LoopHeaderRow, LoopListRow, RoundRow } from './loops.repository.js';

/** What a loop shows of the features below: people's names (identity), pillars and question titles (question bank). */
export interface LoopReferences {
  names: ReadonlyMap<string, string>;
  /** The organization's pillars, in their order. */
  pillars: PillarRef[];
  questions: ReadonlyMap<string, { title: string; pillarId: string }>;
}

export function toRoundDto(row: RoundRow, references: LoopReferences): LoopRoundDto {
  const questions = row.questions.flatMap((question) => {
    const known = references.questions.get(question.questionId);
    return known ? [{ questionId: question.questionId, version: question.version, title: known.title, pillarId: known.pillarId }] : [];
  });
  return {
    id: row.id,
    title: row.title,
    position: row.position,
    pillarIds: row.pillar_ids,
    durationMinutes: row.duration_minutes,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    interviewerId: row.interviewer_id,
    interviewer: row.interviewer_id ? { id: row.interviewer_id, name: references.names.get(row.interviewer_id) ?? '' } : null,
    shadowInterviewerIds: row.shadow_ids,
    shadowInterviewers: row.shadow_ids.flatMap((id) => {
      const name = references.names.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
    questionIds: questions.map((question) => question.questionId),
    plannedQuestions: questions,
    scorecardStatus: row.scorecard_status,
    notAttended: row.not_attended.map((seat) => ({
      userId: seat.userId,
      name: references.names.get(seat.userId) ?? '',
      shadow: seat.shadow,
      at: new Date(seat.at),
    })),
  };
}

/** The loop as a reader sees it; candidates' personal data only when `withPersonalData` (staff). */
export function toLoopDto(header: LoopHeaderRow, rounds: RoundRow[], references: LoopReferences, now: Date, withPersonalData: boolean): LoopDto {
  const times = rounds.map((round) => ({ interviewerId: round.interviewer_id, startsAt: round.starts_at, endsAt: round.ends_at }));
  const pillarIds = new Set(references.pillars.map((pillar) => pillar.id));
  const { coverage, missingPillars } = coverageOf(
    rounds.map((round) => ({ pillarIds: round.pillar_ids })),
    references.pillars,
    // A pillar deleted after the template was written is expected no more.
    header.template_id ? (header.template_pillar_ids ?? []).filter((id) => pillarIds.has(id)) : null,
  );
  return {
    id: header.id,
    status: effectiveStatus(header.status, times, now),
    candidateId: header.candidate_id,
    positionId: header.position_id,
    templateId: header.template_id,
    candidate: withPersonalData
      ? {
          id: header.candidate_id,
          name: header.candidate_name,
          email: header.candidate_email,
          phone: header.candidate_phone,
          source: header.candidate_source,
          notes: header.candidate_notes,
        }
      : { id: header.candidate_id, name: header.candidate_name },
    position: {
      id: header.position_id,
      title: header.position_title,
      roleFamily: header.role_family,
      level: header.position_level,
      hiringManagerId: header.hiring_manager_id,
      status: header.position_status,
    },
    rounds: rounds.map((round) => toRoundDto(round, references)),
    coverage,
    missingPillars,
    createdAt: header.created_at,
    updatedAt: header.updated_at,
  };
}

export function toLoopSummaryDto(row: LoopListRow): LoopListItemDto {
  return {
    id: row.id,
    status: row.status,
    candidate: { id: row.candidate_id, name: row.candidate_name },
    position: { id: row.position_id, title: row.position_title },
    templateId: row.template_id,
    roundCount: row.round_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

import type { LoopDto, LoopRoundDto, LoopListItemDto } from './loop.dto.js';
import { coverageOf, effectiveStatus } from './loop-status.js';
import type { LoopHeaderRow, LoopListRow, RoundRow } from './loops.repository.js';

export function toRoundDto(row: RoundRow): LoopRoundDto {
  return {
    id: row.id,
    title: row.title,
    position: row.position,
    pillarIds: row.pillar_ids,
    durationMinutes: row.duration_minutes,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    interviewerId: row.interviewer_id,
    interviewer: row.interviewer_id ? { id: row.interviewer_id, name: row.interviewer_name ?? '' } : null,
    shadowInterviewerIds: row.shadow_ids,
    shadowInterviewers: row.shadows,
    questionIds: row.questions.map((question) => question.questionId),
    plannedQuestions: row.questions.map((question) => ({
      questionId: question.questionId,
      version: question.version,
      title: question.title,
      pillarId: question.pillarId,
    })),
    scorecardStatus: row.scorecard_status,
  };
}

/** The loop as a reader sees it; candidates' personal data only when `withPersonalData` (staff). */
export function toLoopDto(header: LoopHeaderRow, rounds: RoundRow[], now: Date, withPersonalData: boolean): LoopDto {
  const times = rounds.map((round) => ({ interviewerId: round.interviewer_id, startsAt: round.starts_at, endsAt: round.ends_at }));
  const { coverage, missingPillars } = coverageOf(
    rounds.map((round) => ({ pillarIds: round.pillar_ids })),
    header.pillars,
    header.template_id ? (header.template_pillar_ids ?? []) : null,
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
    rounds: rounds.map(toRoundDto),
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

import { ApiProperty, OmitType } from '@nestjs/swagger';
import { PositionDto } from '../positions/position.dto.js';
import type { LoopStatus } from './loop.entity.js';

export class PersonDto {
  id: string;
  name: string;
}

/** The candidate as a loop shows them: staff see the personal data, interviewers only the name. */
export class LoopCandidateDto {
  id: string;
  name: string;
  /** Staff only. */
  email?: string;
  /** Staff only. */
  phone?: string | null;
  /** Staff only. */
  source?: string | null;
  /** Staff only. */
  notes?: string | null;
}

/** The position as a loop shows it. */
export class LoopPositionDto extends OmitType(PositionDto, ['createdAt', 'updatedAt'] as const) {}

/** A question planned for a round, pinned to a version. */
export class PlannedQuestionDto {
  questionId: string;
  version: number;
  title: string;
  pillarId: string;
}

/** A seat of a round whose person said they did not attend (`POST /api/rounds/:id/not-attended`). */
export class NotAttendedSeatDto {
  userId: string;
  name: string;
  /** true for a shadow's seat, false for the interviewer's. */
  shadow: boolean;
  /** When they said so. */
  at: Date;
}

export class LoopRoundDto {
  id: string;
  title: string;
  /** 0, 1, 2...: the order of the rounds. */
  position: number;
  pillarIds: string[];
  durationMinutes: number;
  startsAt: Date | null;
  endsAt: Date | null;
  interviewerId: string | null;
  interviewer: PersonDto | null;
  shadowInterviewerIds: string[];
  /** The shadows with their names, in the order of `shadowInterviewerIds`. */
  shadowInterviewers: PersonDto[];
  /** The planned questions' ids, in order. */
  questionIds: string[];
  plannedQuestions: PlannedQuestionDto[];
  /** The lead interviewer's scorecard: `not_started`, `draft` or `submitted`. */
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted'] })
  scorecardStatus: string;
  /**
   * The seats whose person said they did not attend (the interviewer's first): their reminders have stopped; the
   * recruiter reassigns the round (which clears it) or cancels it.
   */
  notAttended: NotAttendedSeatDto[];
}

export class LoopDto {
  id: string;
  /** `draft`, `scheduled` (every round has an interviewer and times), `in_review` (a round has ended), `decided`, `cancelled`. */
  status: LoopStatus;
  candidateId: string;
  positionId: string;
  templateId: string | null;
  candidate: LoopCandidateDto;
  position: LoopPositionDto;
  rounds: LoopRoundDto[];
  /** Rounds per pillar key (every pillar of the organization, 0 when no round covers it). */
  coverage: Record<string, number>;
  /** Keys of the template's pillars (all the organization's without a template) that no round covers. */
  missingPillars: string[];
  createdAt: Date;
  updatedAt: Date;
}

export class PositionRefDto {
  id: string;
  title: string;
}

/** One loop in `GET /api/loops`: the candidate, the position and how many rounds (not the debrief summary). */
export class LoopListItemDto {
  id: string;
  status: LoopStatus;
  candidate: PersonDto;
  position: PositionRefDto;
  templateId: string | null;
  roundCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export class LoopPageDto {
  items: LoopListItemDto[];
  nextCursor: string | null;
}

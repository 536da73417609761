import { ApiProperty } from '@nestjs/swagger';
import { PageQueryDto } from '@loopwright/core';
import type { QuestionVersionDto } from '@loopwright/question-bank';
import type { RoleFamily } from '../positions/position.entity.js';
import type { LoopStatus } from '../loops/loop.entity.js';

export class KitPillarDto {
  id: string;
  key: string;
  name: string;
  description: string;
}

/** A planned question at the version pinned when it was planned. */
export class KitQuestionDto {
  questionId: string;
  version: number;
  title: string;
  pillarId: string;
  prompt: string;
  /** Guidance for each rating: `strong_no`, `no`, `yes`, `strong_yes`. */
  rubric: QuestionVersionDto['rubric'];
  followUps: string[];
}

export class KitRoundDto {
  id: string;
  loopId: string;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  interviewerId: string | null;
  shadowInterviewerIds: string[];
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted'] })
  scorecardStatus: string;
}

export class KitCandidateDto {
  id: string;
  name: string;
}

export class KitPositionDto {
  id: string;
  title: string;
  roleFamily: RoleFamily;
  level: string;
}

/** What an interviewer needs for one round, and nothing of the loop's other rounds. */
export class InterviewKitDto {
  round: KitRoundDto;
  /** Whether the caller sits in on the round as a shadow. */
  shadow: boolean;
  /** When the caller said they did not attend the round (their own seat); null when they did not, or are not on it. */
  notAttendedAt: Date | null;
  candidate: KitCandidateDto;
  position: KitPositionDto;
  pillars: KitPillarDto[];
  questions: KitQuestionDto[];
}

export class AssignmentDto {
  roundId: string;
  loopId: string;
  loopStatus: LoopStatus;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  /** Only the name: candidates' personal data is for staff. */
  candidate: KitCandidateDto;
  position: { id: string; title: string };
  pillars: { id: string; key: string; name: string }[];
  /** true when I sit in as a shadow. */
  shadow: boolean;
  /** My scorecard's status for the round. */
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted'] })
  scorecardStatus: string;
  /** true while the round has not ended (or has no time yet). */
  upcoming: boolean;
}

export class AssignmentPageDto {
  items: AssignmentDto[];
  nextCursor: string | null;
}

export class ListAssignmentsQueryDto extends PageQueryDto {}

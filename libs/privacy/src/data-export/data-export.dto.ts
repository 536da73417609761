import { type ErasureDto } from '../erasure/erasure.dto.js';

/** The candidate as `GET /api/candidates/:id` answers it. */
export class DataExportCandidateDto {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  source: string | null;
  notes: string | null;
  legalHold: boolean;
  anonymizedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class DataExportConflictDto {
  id: string;
  candidateId: string;
  userId: string;
  reason: string;
  declaredById: string | null;
  createdAt: Date;
}

/** An audit event as `GET /api/audit-events` answers it. */
export class DataExportAuditEventDto {
  id: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  at: Date;
  changes: Record<string, unknown>;
  requestId: string | null;
}

export class DataExportRoundDto {
  id: string;
  position: number;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  interviewerId: string | null;
}

export class DataExportLoopDto {
  id: string;
  positionId: string;
  status: string;
  createdAt: Date;
  closedAt: Date | null;
  rounds: DataExportRoundDto[];
}

export class DataExportRatingDto {
  pillarId: string;
  rating: string | null;
  notes: string | null;
}

export class DataExportQuestionDto {
  questionId: string;
  version: number;
  pillarId: string;
  notes: string | null;
  /** The interviewer's rating of the answer (`strong_no` … `strong_yes`); absent or null when not rated. */
  rating?: string | null;
}

export class DataExportAmendmentDto {
  id: string;
  sequence: number;
  authorId: string;
  reason: string;
  recommendation: string | null;
  summary: string | null;
  ratings: DataExportRatingDto[] | null;
  createdAt: Date;
}

export class DataExportScorecardDto {
  id: string;
  loopId: string;
  roundId: string;
  authorId: string;
  shadow: boolean;
  /** `draft` or `submitted`: drafts are personal data held too. */
  status: string;
  recommendation: string | null;
  summary: string | null;
  ratings: DataExportRatingDto[];
  questionsAsked: DataExportQuestionDto[];
  submittedAt: Date | null;
  createdAt: Date;
  amendments: DataExportAmendmentDto[];
}

export class DataExportDecisionDto {
  loopId: string;
  decision: string;
  note: string | null;
  forced: boolean;
  decidedById: string | null;
  decidedAt: Date;
}

/** One loop's packet as the shipped template renders it (the same text `GET /api/loops/:id/packet` answers). */
export class DataExportPacketDto {
  loopId: string;
  /** `packet-<name>-<position>-<date>.html` */
  htmlFileName: string;
  html: string;
  markdown: string;
}

/** Every piece of personal data Loopwright holds about one candidate (GDPR Art. 15 and 20), as JSON. */
export class CandidateDataExportDto {
  /** When this export was made. */
  generatedAt: Date;
  candidate: DataExportCandidateDto;
  conflicts: DataExportConflictDto[];
  loops: DataExportLoopDto[];
  scorecards: DataExportScorecardDto[];
  decisions: DataExportDecisionDto[];
  /** The ids of the questions the candidate was planned or asked. */
  questionsSeen: string[];
  /** Audit events about the candidate, their loops, rounds and scorecards (who did what, when). */
  auditEvents: DataExportAuditEventDto[];
  /** Earlier erasures of this candidate (an anonymized candidate's record). */
  erasures: ErasureDto[];
  packets: DataExportPacketDto[];
}

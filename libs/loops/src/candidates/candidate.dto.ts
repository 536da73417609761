export class CandidateDto {
  id: string;
  /** "Candidate #<n>" once anonymized. */
  name: string;
  /** null once anonymized. */
  email: string | null;
  phone: string | null;
  source: string | null;
  notes: string | null;
  /** While true, erasure (by request or retention) answers 409 `LEGAL_HOLD`. */
  legalHold: boolean;
  /** When the candidate was anonymized; null while they are not. */
  anonymizedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class CandidatePageDto {
  items: CandidateDto[];
  nextCursor: string | null;
}

export class CandidateConflictDto {
  id: string;
  candidateId: string;
  userId: string;
  reason: string;
  declaredById: string | null;
  createdAt: Date;
}

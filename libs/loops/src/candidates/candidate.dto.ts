export class CandidateDto {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  source: string | null;
  notes: string | null;
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

import { CreateCandidateDto, DeclareConflictDto, UpdateCandidateDto, type CandidateDto } from '@loopwright/loops';
import { validatedInput } from '../http/form-input.js';
import { postedValues, type FormWords } from '../people/form-fields.js';

export const CANDIDATE_LABELS = { name: 'Name', email: 'Email', phone: 'Phone', source: 'Source', notes: 'Notes' } as const;
export type CandidateField = keyof typeof CANDIDATE_LABELS;
const CANDIDATE_FIELDS = Object.keys(CANDIDATE_LABELS) as CandidateField[];
const OPTIONAL: readonly CandidateField[] = ['phone', 'source', 'notes'];

export const CONFLICT_LABELS = { userId: 'Who has the conflict', reason: 'Reason' } as const;
export type ConflictField = keyof typeof CONFLICT_LABELS;

export const CANDIDATE_WORDS: FormWords<CandidateField> = {
  fieldOfCode: { CANDIDATE_EMAIL_TAKEN: 'email' },
  whenBlank: { name: 'Give the candidate’s name', email: 'Give the candidate’s email' },
};
export const CONFLICT_WORDS: FormWords<ConflictField> = {
  whenBlank: { userId: 'Choose who has the conflict', reason: 'Say why (for example: former colleague, referred them)' },
};

export const candidateValues = (fields: Map<string, string>): Partial<Record<CandidateField, string>> => postedValues(fields, CANDIDATE_FIELDS);

export const storedValues = (candidate: CandidateDto): Record<CandidateField, string> => ({
  name: candidate.name,
  email: candidate.email ?? '',
  phone: candidate.phone ?? '',
  source: candidate.source ?? '',
  notes: candidate.notes ?? '',
});

/** A new candidate: a blank optional field is left out. */
export function toCreateInput(values: Partial<Record<CandidateField, string>>): Promise<CreateCandidateDto> {
  const plain: Record<string, string> = { name: values.name ?? '', email: values.email ?? '' };
  for (const field of OPTIONAL) if (values[field]?.trim()) plain[field] = values[field]!;
  return validatedInput(CreateCandidateDto, plain);
}

/** An edit sends every field: a blank optional field clears it (`null`, as the API's PATCH). */
export function toUpdateInput(values: Partial<Record<CandidateField, string>>): Promise<UpdateCandidateDto> {
  const plain: Record<string, string | null> = { name: values.name ?? '', email: values.email ?? '' };
  for (const field of OPTIONAL) plain[field] = values[field]?.trim() ? values[field]! : null;
  return validatedInput(UpdateCandidateDto, plain);
}

export function toConflictInput(values: Partial<Record<ConflictField, string>>): Promise<DeclareConflictDto> {
  return validatedInput(DeclareConflictDto, { userId: values.userId ?? '', reason: values.reason ?? '' });
}

import { CreatePositionDto, ListPositionsQueryDto, UpdatePositionDto, type PositionDto, type PositionStatus, type RoleFamily } from '@loopwright/loops';
import { validatedInput } from '../http/form-input.js';
import { postedValues, type FormWords } from '../people/form-fields.js';

export const POSITION_LABELS = { title: 'Title', roleFamily: 'Role family', level: 'Level', hiringManagerId: 'Hiring manager', status: 'Status' } as const;
export type PositionField = keyof typeof POSITION_LABELS;
const POSITION_FIELDS = Object.keys(POSITION_LABELS) as PositionField[];

export const POSITION_WORDS: FormWords<PositionField> = {
  whenBlank: { title: 'Give the position a title', level: 'Give the level (for example senior, staff, L5)', hiringManagerId: 'Choose the hiring manager' },
};

export const ROLE_FAMILY_LABELS: Record<RoleFamily, string> = { ai_engineer: 'AI engineer', ml_engineer: 'ML engineer', other: 'Other' };
export const POSITION_STATUS_LABELS: Record<PositionStatus, string> = { open: 'Open', closed: 'Closed' };

export const positionValues = (fields: Map<string, string>): Partial<Record<PositionField, string>> => postedValues(fields, POSITION_FIELDS);

export const storedValues = (position: PositionDto): Record<PositionField, string> => ({
  title: position.title,
  roleFamily: position.roleFamily,
  level: position.level,
  hiringManagerId: position.hiringManagerId,
  status: position.status,
});

/** A new position: no hiring manager chosen is left out (the service then names the caller, if they are one). */
export function toCreateInput(values: Partial<Record<PositionField, string>>): Promise<CreatePositionDto> {
  const { title = '', roleFamily = '', level = '', hiringManagerId } = values;
  return validatedInput(CreatePositionDto, { title, roleFamily, level, ...(hiringManagerId ? { hiringManagerId } : {}) });
}

export function toUpdateInput(values: Partial<Record<PositionField, string>>): Promise<UpdatePositionDto> {
  const { title = '', roleFamily = '', level = '', hiringManagerId = '', status = '' } = values;
  return validatedInput(UpdatePositionDto, { title, roleFamily, level, hiringManagerId, status });
}

/** The list's filter from the query string; an empty choice ("Any status") is no filter. */
export function toListQuery(query: Record<string, unknown>): Promise<ListPositionsQueryDto> {
  return validatedInput(ListPositionsQueryDto, Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '')));
}

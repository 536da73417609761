import { conflict, type AppError } from '@loopwright/core';

export const pillarKeyTaken = (key: string): AppError =>
  conflict('PILLAR_KEY_TAKEN', `A pillar with the key "${key}" already exists in this organization`, { key });

export const pillarInUse = (usedBy: string[]): AppError =>
  conflict('PILLAR_IN_USE', `This pillar is still used by ${usedBy.join(', ')}: move or delete those first`, { usedBy });

/** PostgreSQL's unique_violation on the named constraint or index. */
export const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  driverErrorOf(error)?.code === '23505' && driverErrorOf(error)?.constraint === constraint;

/** PostgreSQL's foreign_key_violation: a row still refers to the one being deleted. */
export const isForeignKeyViolation = (error: unknown): boolean => driverErrorOf(error)?.code === '23503';

function driverErrorOf(error: unknown): { code?: string; constraint?: string } | undefined {
  return typeof error === 'object' && error !== null
    ? (error as { driverError?: { code?: string; constraint?: string } }).driverError
    : undefined;
}

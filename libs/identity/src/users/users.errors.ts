import { conflict, type AppError } from '@loopwright/core';

export const emailTaken = (email: string): AppError => conflict('EMAIL_TAKEN', `A user with the email ${email} already exists in this organization`);

export const lastAdmin = (): AppError =>
  conflict('LAST_ADMIN', 'An organization must keep at least one active admin: make someone else admin first');

/** PostgreSQL's unique_violation, raised when two requests create the same email at once. */
export const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { driverError?: { code?: string; constraint?: string } }).driverError?.code === '23505' &&
  (error as { driverError?: { constraint?: string } }).driverError?.constraint === constraint;

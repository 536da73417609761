import { HttpStatus } from '@nestjs/common';

/**
 * A failure the caller can act on: a stable machine `code`, the HTTP status it maps to,
 * a human sentence and optional details. Services throw these; the exception filter writes them.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export const validationFailed = (fields: FieldProblem[], message?: string): AppError =>
  new AppError(
    'VALIDATION_FAILED',
    message ?? `Invalid input: ${fields.map((field) => field.field).join(', ')}`,
    HttpStatus.BAD_REQUEST,
    { fields },
  );

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`, HttpStatus.NOT_FOUND);

export const forbidden = (message = 'You are not allowed to do this'): AppError =>
  new AppError('FORBIDDEN', message, HttpStatus.FORBIDDEN);

export const conflict = (code: string, message: string, details?: Record<string, unknown>): AppError =>
  new AppError(code, message, HttpStatus.CONFLICT, details);

export const staleVersion = (current: unknown): AppError =>
  conflict('STALE_VERSION', 'This was changed by someone else since you loaded it', { current });

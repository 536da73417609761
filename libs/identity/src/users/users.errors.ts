import { conflict, type AppError } from '@loopwright/core';

export const emailTaken = (email: string): AppError => conflict('EMAIL_TAKEN', `A user with the email ${email} already exists in this organization`);

export const lastAdmin = (): AppError =>
  conflict('LAST_ADMIN', 'An organization must keep at least one active admin: make someone else admin first');

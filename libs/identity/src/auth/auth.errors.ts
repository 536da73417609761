import { HttpStatus } from '@nestjs/common';
import { AppError } from '@loopwright/core';

export const unauthenticated = (message = 'A valid bearer token is required'): AppError =>
  new AppError('UNAUTHORIZED', message, HttpStatus.UNAUTHORIZED);

export const invalidCredentials = (): AppError => new AppError('INVALID_CREDENTIALS', 'Wrong email or password', HttpStatus.UNAUTHORIZED);

export const tooManyAttempts = (retryAfterSeconds: number): AppError =>
  new AppError('TOO_MANY_ATTEMPTS', 'Too many failed logins for this email; try again later (see Retry-After)', HttpStatus.TOO_MANY_REQUESTS, {
    retryAfterSeconds,
  });

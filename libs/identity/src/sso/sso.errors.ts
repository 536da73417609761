import { HttpStatus } from '@nestjs/common';
import { AppError, conflict } from '@loopwright/core';

export const ssoDomainTaken = (domain: string): AppError =>
  conflict('SSO_DOMAIN_TAKEN', `The domain ${domain} already signs in with another organization's provider`, { domain });

export const ssoRequired = (): AppError =>
  new AppError('SSO_REQUIRED', 'Your organization signs in with single sign-on: use "Sign in with SSO"', HttpStatus.FORBIDDEN);

/** Why a single sign-on was refused, in words a person can act on; no detail that would help an attacker. */
export const SSO_REFUSALS = {
  NO_PROVIDER: 'No organization signs in with single sign-on for this email address. Sign in with your password instead.',
  PROVIDER_UNAVAILABLE: 'Your identity provider cannot be reached right now. Try again in a few minutes.',
  SIGN_IN_EXPIRED: 'This sign-in link has expired or was already used. Start again from "Sign in with SSO".',
  PROVIDER_REFUSED: 'Your identity provider did not confirm this sign-in. Start again from "Sign in with SSO".',
  DOMAIN_NOT_ALLOWED: "Your provider account's email address is not in a domain this organization allows.",
  NOT_LINKED:
    'An account with this email address already exists and signs in with a password. Ask an admin to link it to single sign-on, then try again.',
  NO_ROLE: 'Your identity provider gives you no role in Loopwright, so your access has ended. Ask your IT team if this is wrong.',
  DEACTIVATED: 'Your Loopwright account is deactivated. Ask an admin of your organization.',
} as const;

export type SsoRefusal = keyof typeof SSO_REFUSALS;

const STATUSES: Partial<Record<SsoRefusal, HttpStatus>> = {
  NO_PROVIDER: HttpStatus.NOT_FOUND,
  PROVIDER_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  SIGN_IN_EXPIRED: HttpStatus.BAD_REQUEST,
  PROVIDER_REFUSED: HttpStatus.BAD_REQUEST,
};

export const ssoRefused = (reason: SsoRefusal): AppError =>
  new AppError(`SSO_${reason}`, SSO_REFUSALS[reason], STATUSES[reason] ?? HttpStatus.FORBIDDEN, { reason });

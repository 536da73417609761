import { isEmail } from 'class-validator';
import type { PageView } from '../shell/shell.js';

export interface SsoLoginView extends PageView {
  email: string;
  error: string | null;
}

export function ssoLoginView(input: { email?: string; error?: string | null } = {}): SsoLoginView {
  return { title: 'Sign in with SSO', shell: null, email: input.email ?? '', error: input.error ?? null };
}

/** What is wrong with the typed work email, in words; null when it is an address. */
export function workEmailProblem(email: string): string | null {
  if (email === '') return 'Enter your work email address.';
  if (email.length > 320 || !isEmail(email)) return 'Enter your work email address, like name@company.com.';
  return null;
}

export interface SsoRefusedView extends PageView {
  message: string;
}

export function ssoRefusedView(message: string): SsoRefusedView {
  return { title: 'Single sign-on did not work', shell: null, message };
}

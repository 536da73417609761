import type { PageView } from '../shell/shell.js';

export interface LoginView extends PageView {
  email: string;
  next: string | null;
  /** One sentence above the form, linked to the fields; null when there is nothing to say. */
  error: string | null;
}

export function loginView(input: { email?: string; next?: string | null; error?: string | null } = {}): LoginView {
  return { title: 'Sign in', shell: null, email: input.email ?? '', next: input.next ?? null, error: input.error ?? null };
}

export const SSO_REQUIRED_MESSAGE = 'Your organization signs in with single sign-on. Use "Sign in with SSO" below.';

export const WRONG_LOGIN = 'Wrong email or password. Check both and try again.';

export function lockedOutMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

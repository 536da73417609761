import { SetMetadata } from '@nestjs/common';

/** The cookie that carries a browser's session id (an opaque token of kind `web`). */
export const WEB_SESSION_COOKIE = 'lw_session';

/** A web session ends 12 hours after its last use... */
export const WEB_SESSION_IDLE_HOURS = 12;
/** ...and 7 days after sign-in however often it is used. */
export const WEB_SESSION_MAX_HOURS = 7 * 24;

export const BROWSER_SESSION = 'loopwright:browser-session';

export interface BrowserSessionOptions {
  /** Let the route run without a session too (the actor is then unset): `GET /`, `GET /login`. */
  optional?: boolean;
}

/**
 * The route authenticates by the web session cookie instead of a bearer token (pages and their forms). The auth guard
 * then gives it the same actor a bearer token would, and `@Allow(...)` applies as on API routes.
 */
export const BrowserSession = (options: BrowserSessionOptions = {}): MethodDecorator & ClassDecorator =>
  SetMetadata(BROWSER_SESSION, { optional: options.optional ?? false } satisfies BrowserSessionOptions);

/** The session id sent in a `Cookie` header, if any. */
export function webSessionTokenOf(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== WEB_SESSION_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? null : value;
  }
  return null;
}

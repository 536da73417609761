import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { forbidden, requestIdOf } from '@loopwright/core';
import type { Actor } from '../actor.js';
import { unauthenticated } from './auth.errors.js';
import type { AuthenticatedRequest } from './current-actor.decorator.js';
import { RouteAccessCache } from './route-access.js';
import { TokenAuthenticator } from './token-authenticator.js';
import { webSessionTokenOf } from './web-session.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The one guard: every route needs a token unless `@Public()`, and a role from `@Allow(...)` when set. Routes marked
 * `@BrowserSession()` (the web pages) take the web session cookie instead of a bearer token, and give the same actor.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly routes: RouteAccessCache,
    private readonly tokens: TokenAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, browserSession, allowedRoles: allowed } = this.routes.of(context);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = browserSession ? await this.fromCookie(request) : await this.fromBearer(request);
    if (!actor) {
      if (browserSession?.optional) return true;
      throw unauthenticated(browserSession ? 'Sign in to see this page' : 'The token is invalid, expired or revoked');
    }
    request.actor = actor;

    if (allowed && !allowed.some((role) => actor.roles.includes(role))) {
      throw forbidden(`This needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }

  private async fromBearer(request: AuthenticatedRequest): Promise<Actor | null> {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw unauthenticated();
    return this.tokens.authenticate(match[1], requestIdOf(request.raw));
  }

  private async fromCookie(request: AuthenticatedRequest): Promise<Actor | null> {
    const token = webSessionTokenOf(request.headers.cookie);
    return token ? this.tokens.authenticate(token, requestIdOf(request.raw), ['web']) : null;
  }
}

import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppConfig, forbidden, requestIdOf } from '@loopwright/core';
import { unauthenticated } from './auth.errors.js';
import type { AuthenticatedRequest } from './current-actor.decorator.js';
import { RouteAccessCache } from './route-access.js';
import { TokenAuthenticator, type AuthenticatedCaller } from './token-authenticator.js';
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
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, browserSession, allowedRoles: allowed, notRateLimited } = this.routes.of(context);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const rateLimitWindowMs = notRateLimited ? undefined : this.config.rateLimits.windowSeconds * 1000;
    const caller = browserSession ? await this.fromCookie(request, rateLimitWindowMs) : await this.fromBearer(request, rateLimitWindowMs);
    if (!caller) {
      if (browserSession?.optional) return true;
      throw unauthenticated(browserSession ? 'Sign in to see this page' : 'The token is invalid, expired or revoked');
    }
    const { actor } = caller;
    request.actor = actor;
    if (caller.userRateLimitHit) request.userRateLimitHit = caller.userRateLimitHit;

    if (allowed && !allowed.some((role) => actor.roles.includes(role))) {
      throw forbidden(`This needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }

  private async fromBearer(request: AuthenticatedRequest, rateLimitWindowMs: number | undefined): Promise<AuthenticatedCaller | null> {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw unauthenticated();
    return this.tokens.authenticate(match[1], requestIdOf(request.raw), { rateLimitWindowMs });
  }

  private async fromCookie(request: AuthenticatedRequest, rateLimitWindowMs: number | undefined): Promise<AuthenticatedCaller | null> {
    const token = webSessionTokenOf(request.headers.cookie);
    return token ? this.tokens.authenticate(token, requestIdOf(request.raw), { kinds: ['web'], rateLimitWindowMs }) : null;
  }
}

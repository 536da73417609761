import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, requestIdOf } from '@loopwright/core';
import type { Actor } from '../actor.js';
import type { Role } from '../roles.js';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './allow.decorator.js';
import { unauthenticated } from './auth.errors.js';
import type { AuthenticatedRequest } from './current-actor.decorator.js';
import { TokenAuthenticator } from './token-authenticator.js';
import { BROWSER_SESSION, webSessionTokenOf, type BrowserSessionOptions } from './web-session.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The one guard: every route needs a token unless `@Public()`, and a role from `@Allow(...)` when set. Routes marked
 * `@BrowserSession()` (the web pages) take the web session cookie instead of a bearer token, and give the same actor.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const browserSession = this.reflector.getAllAndOverride<BrowserSessionOptions | undefined>(BROWSER_SESSION, targets);
    const actor = browserSession ? await this.fromCookie(request) : await this.fromBearer(request);
    if (!actor) {
      if (browserSession?.optional) return true;
      throw unauthenticated(browserSession ? 'Sign in to see this page' : 'The token is invalid, expired or revoked');
    }
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
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

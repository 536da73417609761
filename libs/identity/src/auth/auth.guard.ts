import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, requestIdOf } from '@loopwright/core';
import type { Role } from '../roles.js';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './allow.decorator.js';
import { unauthenticated } from './auth.errors.js';
import type { AuthenticatedRequest } from './current-actor.decorator.js';
import { TokenAuthenticator } from './token-authenticator.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/** The one guard: every route needs a token unless `@Public()`, and a role from `@Allow(...)` when set. */
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
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw unauthenticated();
    const actor = await this.tokens.authenticate(match[1], requestIdOf(request.raw));
    if (!actor) throw unauthenticated('The token is invalid, expired or revoked');
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.some((role) => actor.roles.includes(role))) {
      throw forbidden(`This needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }
}

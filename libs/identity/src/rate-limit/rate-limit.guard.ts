import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppConfig, AppError } from '@loopwright/core';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator.js';
import { RouteAccessCache } from '../auth/route-access.js';
import { PostgresThrottlerStorage } from './postgres-throttler-storage.js';
import { ANONYMOUS_THROTTLER, AUTHENTICATED_THROTTLER, USER_KEY_PREFIX } from './rate-limit-keys.js';

export { ANONYMOUS_THROTTLER, AUTHENTICATED_THROTTLER } from './rate-limit-keys.js';

export const rateLimited = (retryAfterSeconds: number): AppError =>
  new AppError('RATE_LIMITED', 'Too many requests; slow down and try again later', HttpStatus.TOO_MANY_REQUESTS, { retryAfterSeconds });

/**
 * Runs after the auth guard (whose token lookup has already counted the user's hit on a limited route): public routes are limited per IP and route (`anonymous`, times the route's
 * `AnonymousLimitFactor`), authenticated ones
 * per user across all routes (`authenticated`). Over the limit: 429 RATE_LIMITED with `Retry-After`.
 *
 * The counting is @nestjs/throttler's `ThrottlerStorage` contract (PostgresThrottlerStorage); the guard is our own
 * because @nestjs/throttler 6 is CommonJS and `require`s the ESM-only @nestjs/common 12, which Jest cannot load.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly routes: RouteAccessCache,
    private readonly config: AppConfig,
    private readonly storage: PostgresThrottlerStorage,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { notRateLimited, isPublic, anonymousLimitFactor } = this.routes.of(context);
    if (notRateLimited) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const userId = request.actor?.userId;
    const { anonymous, authenticated, windowSeconds } = this.config.rateLimits;
    const [name, key, limit] =
      !isPublic && userId
        ? [AUTHENTICATED_THROTTLER, `${USER_KEY_PREFIX}${userId}`, authenticated]
        : [
            ANONYMOUS_THROTTLER,
            `${ANONYMOUS_THROTTLER}:${context.getClass().name}.${context.getHandler().name}:ip:${request.ip}`,
            anonymous * anonymousLimitFactor,
          ];
    // The token lookup counted the user's hit in its own statement when it could (one round trip instead of two).
    const counted = !isPublic ? request.userRateLimitHit : undefined;
    const record = counted
      ? await this.storage.counted(counted, limit)
      : await this.storage.increment(key, windowSeconds * 1000, limit, windowSeconds * 1000, name);
    if (record.isBlocked) throw rateLimited(Math.max(1, record.timeToBlockExpire));
    return true;
  }
}

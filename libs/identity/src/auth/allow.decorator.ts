import { SetMetadata } from '@nestjs/common';
import type { Role } from '../roles.js';

export const ALLOWED_ROLES = 'loopwright:allowed-roles';
export const PUBLIC_ROUTE = 'loopwright:public-route';
export const NOT_RATE_LIMITED = 'loopwright:not-rate-limited';
export const ANONYMOUS_LIMIT_FACTOR = 'loopwright:anonymous-limit-factor';

/** Only callers with one of these roles reach the route (403 otherwise). Without it: any signed-in user. */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ALLOWED_ROLES, roles);

/** No token needed (login, signup, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Skips the rate limit (and so its bookkeeping in PostgreSQL): for health probes, which must answer from the
 * handler even while the database is down, and which load balancers call often from one address.
 */
export const NotRateLimited = (): MethodDecorator & ClassDecorator => SetMetadata(NOT_RATE_LIMITED, true);

/**
 * A public route that one address legitimately calls far more often than a person would (calendar apps polling a
 * feed, many of them behind one NAT): its per-IP count (of its own, as every public route's) may reach
 * RATE_LIMIT_ANONYMOUS × `factor` per window.
 */
export const AnonymousLimitFactor = (factor: number): MethodDecorator & ClassDecorator => SetMetadata(ANONYMOUS_LIMIT_FACTOR, factor);

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.js';
import type { WindowHit } from '../rate-limit/postgres-throttler-storage.js';

/** `userRateLimitHit`: the user's rate-limit hit, counted by the token lookup for the rate-limit guard. */
export type AuthenticatedRequest = FastifyRequest & { actor?: Actor; userRateLimitHit?: WindowHit };

/** The authenticated caller, set by the auth guard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

import { hasRole, type Actor } from '@loopwright/identity';

/** Who records a loop's hiring decision: an admin, or the hiring manager of the loop's position. */
export const mayDecide = (actor: Actor, position: { hiringManagerId: string }): boolean =>
  hasRole(actor, 'admin') || (hasRole(actor, 'hiring_manager') && actor.userId === position.hiringManagerId);

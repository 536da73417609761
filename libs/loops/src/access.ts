import { hasRole, type Actor } from '@loopwright/identity';

/** Admins and recruiters change any loop; a hiring manager only the loops of positions they manage. */
export const canChangeLoopsOf = (actor: Actor, hiringManagerId: string): boolean =>
  hasRole(actor, 'admin', 'recruiter') || (hasRole(actor, 'hiring_manager') && actor.userId === hiringManagerId);

/** Admins change any position; a hiring manager only the positions they manage. */
export const canChangePosition = (actor: Actor, hiringManagerId: string): boolean =>
  hasRole(actor, 'admin') || (hasRole(actor, 'hiring_manager') && actor.userId === hiringManagerId);

import { STAFF_ROLES, type Role } from './roles.js';

/** Who is calling: every service method takes it first, and every query is scoped by its organization. */
export interface Actor {
  /** null for the system itself (bootstrap, CLI, scheduled jobs). */
  userId: string | null;
  organizationId: string;
  roles: readonly Role[];
  requestId: string | null;
  /** The token the request came with; logout revokes it. */
  tokenId: string | null;
}

export const systemActor = (organizationId: string, requestId: string | null = null): Actor => ({
  userId: null,
  organizationId,
  roles: ['admin'],
  requestId,
  tokenId: null,
});

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => roles.some((role) => actor.roles.includes(role));

/** Admins, hiring managers and recruiters: they see every loop and candidates' personal data. */
export const isStaff = (actor: Actor): boolean => hasRole(actor, ...STAFF_ROLES);

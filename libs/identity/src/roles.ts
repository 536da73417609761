export const ROLES = ['admin', 'hiring_manager', 'recruiter', 'interviewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see candidates' personal data and every loop of the organization. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'hiring_manager', 'recruiter'];

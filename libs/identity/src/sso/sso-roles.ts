import { ROLES, type Role } from '../roles.js';

/** The roles a sign-in gives: the default roles plus those the claim's values map to, in the canonical order. */
export function mappedRoles(
  claims: Record<string, unknown>,
  settings: { roleClaim: string | null; roleMapping: Record<string, Role[]>; defaultRoles: Role[] },
): Role[] {
  const granted = new Set<Role>(settings.defaultRoles);
  const claim = settings.roleClaim ? claims[settings.roleClaim] : undefined;
  const values = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim.filter((value): value is string => typeof value === 'string') : [];
  for (const value of values) {
    if (!Object.hasOwn(settings.roleMapping, value)) continue;
    for (const role of settings.roleMapping[value] ?? []) granted.add(role);
  }
  return ROLES.filter((role) => granted.has(role));
}

/** The problems of a role mapping as given (an object of role lists), or none. */
export function roleMappingProblems(mapping: unknown): string[] {
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) return ['must be an object of role lists'];
  const entries = Object.entries(mapping as Record<string, unknown>);
  if (entries.length > 200) return ['must have at most 200 entries'];
  const problems: string[] = [];
  for (const [value, roles] of entries) {
    if (value.length === 0 || value.length > 200) problems.push('each claim value must have 1 to 200 characters');
    else if (!Array.isArray(roles) || roles.some((role) => !(ROLES as readonly unknown[]).includes(role)))
      problems.push(`${value} must map to a list of ${ROLES.join(', ')}`);
  }
  return problems;
}

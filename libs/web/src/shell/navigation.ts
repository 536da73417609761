import { STAFF_ROLES, type Role } from '@loopwright/identity';

export interface NavItem {
  label: string;
  href: string;
  /** Who sees the link: anyone with one of these roles. */
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['admin', 'hiring_manager', 'recruiter', 'interviewer'];

/** The links of WEB.md in its order; a person with several roles sees the union. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'My interviews', href: '/app/interviews', roles: ['interviewer'] },
  { label: 'Loops', href: '/app/loops', roles: STAFF_ROLES },
  { label: 'Candidates', href: '/app/candidates', roles: STAFF_ROLES },
  { label: 'Positions', href: '/app/positions', roles: STAFF_ROLES },
  { label: 'Question bank', href: '/app/questions', roles: EVERYONE },
  { label: 'Exports', href: '/app/exports', roles: ['admin', 'recruiter'] },
  { label: 'Analytics', href: '/app/analytics', roles: ['admin', 'hiring_manager'] },
  { label: 'Admin', href: '/app/admin', roles: ['admin'] },
];

export const mayOpen = (item: NavItem, roles: readonly Role[]): boolean => item.roles.some((role) => roles.includes(role));

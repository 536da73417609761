import type { Organization } from '../organizations/organization.entity.js';
import type { Role } from '../roles.js';
import type { User } from '../users/user.entity.js';

export const DEMO_ORGANIZATION = 'Demo Team';
export const DEMO_PASSWORD = 'loopwright-demo';

export interface DemoMember {
  key: string;
  name: string;
  email: string;
  roles: Role[];
}

/** One user per role, plus two more interviewers so that loops can be staffed. */
export const DEMO_MEMBERS: DemoMember[] = [
  { key: 'admin', name: 'Avery Admin', email: 'admin@demo.loopwright.test', roles: ['admin'] },
  { key: 'hiringManager', name: 'Harper Manager', email: 'manager@demo.loopwright.test', roles: ['hiring_manager', 'interviewer'] },
  { key: 'recruiter', name: 'Riley Recruiter', email: 'recruiter@demo.loopwright.test', roles: ['recruiter'] },
  { key: 'interviewer', name: 'Ines Interviewer', email: 'interviewer@demo.loopwright.test', roles: ['interviewer'] },
  { key: 'interviewer2', name: 'Omar Okafor', email: 'omar@demo.loopwright.test', roles: ['interviewer'] },
  { key: 'interviewer3', name: 'Mei Tanaka', email: 'mei@demo.loopwright.test', roles: ['interviewer'] },
];

/** The demo team as the features' demo seeds get it, once its organization and members exist. */
export interface DemoContext {
  organization: Organization;
  /** The demo users by their key in DEMO_MEMBERS (`admin`, `hiringManager`, `interviewer2`, ...). */
  users: Record<string, User>;
}

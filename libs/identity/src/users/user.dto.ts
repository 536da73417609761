import { ROLES, type Role } from '../roles.js';
import { QUALIFICATION_LEVELS, type QualificationLevel } from './user-qualification.entity.js';

export class QualificationDto {
  /** @example "3b7c5d3e-2a2d-4c55-9a55-0d5c8f3c7f0e" */
  pillarId: string;
  level: QualificationLevel;
}

export class UserDto {
  id: string;
  email: string;
  name: string;
  /** @example ["hiring_manager", "interviewer"] */
  roles: Role[];
  active: boolean;
  /** Interviews a week this user takes at most; null for no limit. */
  weeklyInterviewLimit: number | null;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone: string;
  qualifications: QualificationDto[];
  createdAt: Date;
  updatedAt: Date;
}

export class UserPageDto {
  items: UserDto[];
  nextCursor: string | null;
}

export class OrganizationDto {
  id: string;
  name: string;
}

export class MeDto {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  timezone: string;
  organization: OrganizationDto;
  qualifications: QualificationDto[];
}

export const ROLE_VALUES = ROLES;
export const LEVEL_VALUES = QUALIFICATION_LEVELS;

import type { UserQualification } from './user-qualification.entity.js';
import type { UserDto } from './user.dto.js';
import type { User } from './user.entity.js';

/** The only way a user reaches the wire: no password hash, ever. */
export function toUserDto(user: User, qualifications: UserQualification[] = []): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    active: user.active,
    weeklyInterviewLimit: user.weeklyInterviewLimit,
    timezone: user.timezone,
    qualifications: qualifications.map(({ pillarId, level }) => ({ pillarId, level })),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

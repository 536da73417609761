import type { MailProfile } from '@loopwright/identity';

/**
 * A loop's recruiter: whoever started it, if an active recruiter; otherwise every active recruiter of the organization.
 * `profiles` holds the organization's recruiters (`UsersService.mailProfiles` with the organization in `recruitersOf`).
 */
export function loopRecruiters(
  loop: { organizationId: string; loopCreatedById: string | null },
  profiles: readonly MailProfile[],
  people: ReadonlyMap<string, MailProfile>,
): MailProfile[] {
  const creator = loop.loopCreatedById ? people.get(loop.loopCreatedById) : undefined;
  if (creator?.active && creator.roles.includes('recruiter')) return [creator];
  return profiles.filter((profile) => profile.organizationId === loop.organizationId && profile.active && profile.roles.includes('recruiter'));
}

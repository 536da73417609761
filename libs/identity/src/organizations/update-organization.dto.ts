import { IsTimeZone } from 'class-validator';

/** What an admin may change about the organization. */
export class UpdateOrganizationDto {
  /** IANA time zone where new members' `timezone` starts, e.g. `Europe/Berlin`. */
  @IsTimeZone()
  timezone: string;
}

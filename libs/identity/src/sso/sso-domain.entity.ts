import { Entity, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';

/** An email domain whose people sign in through an organization's provider; the key makes it one organization's at most. */
@Entity('sso_domains')
export class SsoDomain extends OrganizationOwned {
  @PrimaryColumn('text')
  domain: string;
}

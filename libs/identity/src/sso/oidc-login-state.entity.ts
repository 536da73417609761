import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';

/**
 * A sign-in started at the provider: the `state` (kept as its SHA-256) finds its nonce and PKCE verifier at the
 * callback, which deletes the row (single use); rows past `expiresAt` answer nothing.
 */
@Entity('oidc_login_states')
@Index('oidc_login_states_expires_idx', ['expiresAt'])
export class OidcLoginState extends OrganizationOwned {
  @PrimaryColumn('bytea', { name: 'state_hash' })
  stateHash: Buffer;

  @Column('text')
  nonce: string;

  @Column('text', { name: 'code_verifier' })
  codeVerifier: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}

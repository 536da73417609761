import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';
import { OrganizationEntity } from '@loopwright/database';

/**
 * `session`: a login's bearer token (12 h); `personal`: a script's bearer token; `web`: a browser session, sent only as
 * the session cookie (12 h idle, and an absolute expiry). One table, so that sign-out, deactivation, a password change
 * and logout-all end web sessions exactly as they end bearer tokens.
 */
export type TokenKind = 'session' | 'personal' | 'web';

/** The kinds a bearer token may be: a web session's id works only as the cookie. */
export const BEARER_TOKEN_KINDS: readonly TokenKind[] = ['session', 'personal'];

/** A bearer token or web session id, kept only as its SHA-256: a leaked table does not leak working tokens. */
@Entity('api_tokens')
@Check('api_tokens_kind_known', `kind IN ('session', 'personal', 'web')`)
@Index('api_tokens_user_idx', ['userId'])
export class ApiToken extends OrganizationEntity {
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  kind: TokenKind;

  @Column('text', { nullable: true })
  name: string | null;

  @Index('api_tokens_hash_key', { unique: true })
  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}

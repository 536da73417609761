import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../roles.js';

/** An organization's OpenID Connect provider. The client secret is stored sealed (AES-256-GCM, `SECRETS_KEY`). */
@Entity('sso_settings')
export class SsoSettings {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @OneToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: { id: string };

  @Column('text')
  issuer: string;

  @Column('text', { name: 'client_id' })
  clientId: string;

  @Column('text', { name: 'client_secret_sealed' })
  clientSecretSealed: string;

  /** The ID token claim whose values map to roles (a string or an array of strings); null: everyone gets `defaultRoles`. */
  @Column('text', { name: 'role_claim', nullable: true })
  roleClaim: string | null;

  @Column('jsonb', { name: 'role_mapping', default: () => `'{}'` })
  roleMapping: Record<string, Role[]>;

  @Column('text', { name: 'default_roles', array: true, default: () => `'{}'` })
  defaultRoles: Role[];

  /** Password sign-in is refused for the organization's users, except its break-glass admins. */
  @Column('boolean', { default: false })
  required: boolean;

  /** Admins who keep password sign-in when SSO is required (for when the identity provider is down). */
  @Column('uuid', { name: 'break_glass_user_ids', array: true, default: () => `'{}'` })
  breakGlassUserIds: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

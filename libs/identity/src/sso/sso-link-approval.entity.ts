import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { OrganizationOwned } from '@loopwright/database';
import { User } from '../users/user.entity.js';

/**
 * An admin's consent that this existing user's next single sign-on with the same email links their provider account
 * (`POST /api/users/:id/sso-link`); used once, and only before `expiresAt`.
 */
@Entity('sso_link_approvals')
export class SsoLinkApproval extends OrganizationOwned {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'approved_by' })
  approvedBy: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}

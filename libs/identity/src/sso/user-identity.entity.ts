import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';
import { User } from '../users/user.entity.js';

/** A user's account at an identity provider: single sign-on finds the user by (issuer, subject), never by email. */
@Entity('user_identities')
@Index('user_identities_issuer_subject_key', ['issuer', 'subject'], { unique: true })
@Index('user_identities_user_idx', ['userId'])
export class UserIdentity extends OrganizationEntity {
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  issuer: string;

  @Column('text')
  subject: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}

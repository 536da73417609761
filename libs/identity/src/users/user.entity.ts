import { Check, Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import type { Role } from '../roles.js';
import { OrganizationEntity } from '@loopwright/database';

@Entity('users')
@Index('users_organization_email_key', ['organizationId', 'email'], { unique: true })
@Check('users_roles_known', `roles <@ ARRAY['admin','hiring_manager','recruiter','interviewer']::text[]`)
@Check('users_email_lowercase', `email = lower(email)`)
export class User extends OrganizationEntity {
  /** Stored lowercased: unique per organization regardless of case. */
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text', { array: true, default: () => `'{}'` })
  roles: Role[];

  /** argon2id; null for a user who has not set a password yet (API tokens only). */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash: string | null;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('int', { name: 'weekly_interview_limit', nullable: true })
  weeklyInterviewLimit: number | null;

  @Column('text', { default: 'UTC' })
  timezone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

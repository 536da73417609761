import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Pillar } from '../pillars/pillar.entity.js';
import { TimestampedOrganizationEntity } from '@loopwright/database';

export const QUESTION_ROLES = ['ai_engineer', 'ml_engineer'] as const;
export type QuestionRole = (typeof QUESTION_ROLES)[number];

export const QUESTION_STATUSES = ['active', 'retired'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/**
 * The words searched by `GET /api/questions`: title (weight A), tags (B) and the current prompt (C). The
 * IMMUTABLE wrapper is created by hand in the QuestionBank migration (`array_to_string` alone is only STABLE,
 * which a generated column refuses).
 */
export const QUESTION_SEARCH_EXPRESSION = 'question_search_vector(title, tags, prompt)';

/**
 * A question of the bank. Title, tags, difficulty and roles are edited in place; prompt, rubric and
 * follow-ups live in immutable `question_versions`, and the current prompt is copied here so that one
 * table (and one GIN index) answers a search. The exposure counters are kept by `recordExposure`.
 */
@Entity('questions')
@Index('questions_org_status_created_idx', ['organizationId', 'status', 'createdAt', 'id'])
@Index('questions_pillar_idx', ['pillarId'])
// GIN indexes, created by hand in the migration: TypeORM cannot declare `USING gin`.
@Index('questions_search_idx', { synchronize: false })
@Index('questions_tags_idx', { synchronize: false })
@Check('questions_difficulty_range', 'difficulty BETWEEN 1 AND 5')
@Check('questions_roles_known', `roles <@ ARRAY['ai_engineer','ml_engineer']::text[]`)
@Check('questions_status_known', `status IN ('active', 'retired')`)
@Check('questions_current_version_positive', 'current_version >= 1')
export class Question extends TimestampedOrganizationEntity {
  @Column('uuid', { name: 'pillar_id' })
  pillarId: string;

  /** A pillar with questions cannot be deleted (the service answers 409 before the foreign key would). */
  @ManyToOne(() => Pillar)
  @JoinColumn({ name: 'pillar_id' })
  pillar?: Relation<Pillar>;

  @Column('text')
  title: string;

  /** The prompt of the current version (a copy of `question_versions.prompt`), for full-text search. */
  @Column('text')
  prompt: string;

  @Column('text', { array: true, default: () => `'{}'` })
  tags: string[];

  @Column('int')
  difficulty: number;

  /** Empty: suits every role. */
  @Column('text', { array: true, default: () => `'{}'` })
  roles: QuestionRole[];

  @Column('text', { default: 'active' })
  status: QuestionStatus;

  @Column('text', { name: 'retire_reason', nullable: true })
  retireReason: string | null;

  @Column('timestamptz', { name: 'retired_at', nullable: true })
  retiredAt: Date | null;

  /** null for the seeded questions and system imports. */
  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: { id: string };

  /** The number of the newest row in `question_versions`. */
  @Column('int', { name: 'current_version', default: 1 })
  currentVersion: number;

  @Column('int', { name: 'times_planned', default: 0 })
  timesPlanned: number;

  @Column('int', { name: 'times_asked', default: 0 })
  timesAsked: number;

  @Column('timestamptz', { name: 'last_planned_at', nullable: true })
  lastPlannedAt: Date | null;

  @Column('timestamptz', { name: 'last_asked_at', nullable: true })
  lastAskedAt: Date | null;

  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: QUESTION_SEARCH_EXPRESSION,
    select: false,
    insert: false,
    update: false,
  })
  search?: string;
}

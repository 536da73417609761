import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, notFound, toPage, validationFailed, type Page } from '@loopwright/core';
import { randomUUID } from 'node:crypto';
import { IsNull, Not, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Actor } from '../actor.js';
import { AuditLog, changesBetween } from '../audit/audit-log.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { weakPassword } from '../auth/password-policy.js';
import { hashPassword } from '../auth/secrets.js';
import { Organization } from '../organizations/organization.entity.js';
import type { CreateUserDto } from './create-user.dto.js';
import type { ListUsersQueryDto } from './list-users-query.dto.js';
import type { QualificationInputDto } from './qualification-input.dto.js';
import type { UpdateMeDto } from './update-me.dto.js';
import type { UpdateUserDto } from './update-user.dto.js';
import type { MeDto, UserDto } from './user.dto.js';
import { QUALIFICATION_PILLAR_REFERENCE } from './user-qualification.entity.js';
import { User } from './user.entity.js';
import { toUserDto } from './user.mapper.js';
import { UsersRepository, type MailProfile, type UserProfile } from './users.repository.js';
import { BY_NAME, foreignKeyViolation, isUniqueViolation, keysetCursor, rowsVersionSql, type SqlParams } from '@loopwright/database';
import { emailTaken, lastAdmin } from './users.errors.js';

const AUDITED_FIELDS: (keyof User & string)[] = ['email', 'name', 'roles', 'active', 'weeklyInterviewLimit', 'timezone', 'passwordHash'];
/** A person's name is personal data: the audit keeps that it changed (email is personal everywhere). */
const PERSONAL_FIELDS = ['name'];

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateUserDto): Promise<UserDto> {
    const user = await this.dataSource.transaction((manager) => this.createInTransaction(manager, actor, input));
    return toUserDto(user);
  }

  /**
   * Also used by signup, bootstrap and the CLI, inside their own transactions. `trustedPassword` skips the
   * password policy: only for the demo team, whose shared password contains the demo domain's words.
   */
  async createInTransaction(manager: EntityManager, actor: Actor, input: CreateUserDto, options: { trustedPassword?: boolean } = {}): Promise<User> {
    const email = input.email.toLowerCase();
    if (input.password && !options.trustedPassword) await this.assertStrongPassword(manager, actor.organizationId, input.password, [email, input.name]);
    if (await this.users.findByEmailInOrg(manager, actor.organizationId, email)) throw emailTaken(email);
    const timezone = input.timezone ?? (await manager.findOneBy(Organization, { id: actor.organizationId }))?.timezone ?? 'UTC';
    const user = manager.create(User, {
      id: randomUUID(),
      organizationId: actor.organizationId,
      email,
      name: input.name,
      roles: [...new Set(input.roles)],
      passwordHash: input.password ? await hashPassword(input.password) : null,
      active: true,
      weeklyInterviewLimit: input.weeklyInterviewLimit ?? null,
      timezone,
    });
    try {
      await manager.insert(User, user);
    } catch (error) {
      if (isUniqueViolation(error, 'users_organization_email_key')) throw emailTaken(email);
      throw error;
    }
    const saved = await manager.findOneByOrFail(User, { id: user.id });
    await this.audit.recordCreated(manager, actor, 'user', saved.id, saved, AUDITED_FIELDS, PERSONAL_FIELDS);
    return saved;
  }

  /** Whether the database has any user at all, of any organization (a first start has none). */
  anyUserExists(manager?: EntityManager): Promise<boolean> {
    return this.users.anyUserExists(manager);
  }

  /** The active users of the organization among these emails, oldest first (the demo logins printed at start). */
  activeByEmails(organizationId: string, emails: string[]): Promise<User[]> {
    return this.users.activeByEmails(organizationId, emails);
  }

  async list(actor: Actor, query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const rows = await this.users.list(actor.organizationId, query);
    const qualifications = await this.users.qualificationsOf(actor.organizationId, rows.slice(0, query.limit).map((user) => user.id));
    return toPage(
      rows,
      query.limit,
      (user) => toUserDto(user, qualifications.get(user.id)),
      keysetCursor(BY_NAME),
    );
  }

  async get(actor: Actor, id: string): Promise<UserDto> {
    const user = await this.users.findInOrg(actor.organizationId, id);
    if (!user) throw notFound('User');
    const qualifications = await this.users.qualificationsOf(actor.organizationId, [id]);
    return toUserDto(user, qualifications.get(id));
  }

  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockInOrg(manager, actor.organizationId, id);
      if (!user) throw notFound('User');
      const before = { ...user };
      const losesAdmin = (input.active === false || (input.roles && !input.roles.includes('admin'))) && user.active && user.roles.includes('admin');
      if (losesAdmin && (await this.users.countOtherActiveAdmins(manager, actor.organizationId, id)) === 0) throw lastAdmin();

      if (input.name !== undefined) user.name = input.name;
      if (input.roles !== undefined) user.roles = [...new Set(input.roles)];
      if (input.active !== undefined) user.active = input.active;
      if (input.weeklyInterviewLimit !== undefined) user.weeklyInterviewLimit = input.weeklyInterviewLimit;
      if (input.timezone !== undefined) user.timezone = input.timezone;
      if (input.password !== undefined) {
        await this.assertStrongPassword(manager, actor.organizationId, input.password, [user.email, user.name, before.name]);
        user.passwordHash = await hashPassword(input.password);
      }
      const changes = changesBetween(before, user, AUDITED_FIELDS);
      if (Object.keys(changes).length > 0) {
        await manager.save(User, user);
        if (before.active && !user.active) {
          // Deactivation ends every session and API token now, not when they expire.
          await manager.update(ApiToken, { userId: id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
        } else if (input.password !== undefined) {
          // A new password ends every other session and token of the user; one's own change keeps the token in use.
          const where: FindOptionsWhere<ApiToken> = { organizationId: actor.organizationId, userId: id, revokedAt: IsNull() };
          if (actor.userId === id && actor.tokenId) where.id = Not(actor.tokenId);
          await manager.update(ApiToken, where, { revokedAt: this.clock.now() });
        }
        await this.audit.record(manager, actor, {
          action: before.active && !user.active ? 'user.deactivated' : 'user.updated',
          entityType: 'user',
          entityId: id,
          changes,
          personal: PERSONAL_FIELDS,
        });
      }
      const saved = await manager.findOneByOrFail(User, { id });
      const qualifications = await this.users.qualificationsOf(actor.organizationId, [id], manager);
      return toUserDto(saved, qualifications.get(id));
    });
  }

  replaceQualifications(actor: Actor, id: string, input: QualificationInputDto[]): Promise<UserDto> {
    return this.dataSource.transaction((manager) => this.replaceQualificationsInTransaction(manager, actor, id, input));
  }

  /**
   * Replaces the user's qualifications, inside the caller's transaction (the demo team's seed uses it too). A pillar
   * that is not one of the organization's is refused by the foreign key (400, naming the row).
   */
  async replaceQualificationsInTransaction(manager: EntityManager, actor: Actor, id: string, input: QualificationInputDto[]): Promise<UserDto> {
    const duplicates = input.map((item, index) => ({ item, index })).filter(({ item }, position) => input.findIndex((other) => other.pillarId === item.pillarId) !== position);
    if (duplicates.length > 0) {
      throw validationFailed(duplicates.map(({ index }) => ({ field: `${index}.pillarId`, problems: ['each pillar may appear once'] })));
    }
    const user = await this.users.lockInOrg(manager, actor.organizationId, id);
    if (!user) throw notFound('User');
    const before = (await this.users.qualificationsOf(actor.organizationId, [id], manager)).get(id) ?? [];
    try {
      await this.users.replaceQualifications(manager, actor.organizationId, id, input);
    } catch (error) {
      const violated = foreignKeyViolation(error);
      const index = input.findIndex((item) => item.pillarId === violated?.key.pillar_id);
      if (violated?.constraint === QUALIFICATION_PILLAR_REFERENCE && index >= 0)
        throw validationFailed([{ field: `${index}.pillarId`, problems: ['pillarId is not a pillar of this organization'] }]);
      throw error;
    }
    const after = (await this.users.qualificationsOf(actor.organizationId, [id], manager)).get(id) ?? [];
    const summary = (rows: { pillarId: string; level: string }[]): { pillarId: string; level: string }[] =>
      rows.map(({ pillarId, level }) => ({ pillarId, level })).sort((a, b) => a.pillarId.localeCompare(b.pillarId));
    await this.audit.record(manager, actor, {
      action: 'user.qualifications_replaced',
      entityType: 'user',
      entityId: id,
      changes: changesBetween({ qualifications: summary(before) }, { qualifications: summary(after) }, ['qualifications']),
    });
    return toUserDto(user, after);
  }

  async me(actor: Actor): Promise<MeDto> {
    const profile = actor.userId ? await this.users.findProfile(actor.organizationId, actor.userId) : null;
    if (!profile) throw notFound('User');
    return {
      id: profile.id,
      email: profile.email,
      name: profile.name,
      roles: profile.roles,
      timezone: profile.timezone,
      organization: { id: actor.organizationId, name: profile.organizationName },
      qualifications: profile.qualifications as MeDto['qualifications'],
    };
  }

  // ---- For other features ----

  /**
   * The names of users of the organization among `ids`, for read models that show who wrote or holds something:
   * one statement however many. Ids of other organizations (or unknown ones) are left out of the map.
   */
  namesByIds(organizationId: string, ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    return this.users.namesByIds(manager, organizationId, ids);
  }

  /**
   * `namesByIds` as an SQL expression to embed in the caller's statement (like `AuditLog.recordEachSql`), where a read
   * model must stay at its statement count: a json object id → name, `{}` for none. Values are bound through `params`.
   */
  namesSql(params: SqlParams, organizationId: string, ids: readonly string[]): string {
    return this.users.namesSql(params, organizationId, ids);
  }


  /** The organization's name and the names of its users among `ids` (a report's header): one statement. */
  directory(organizationId: string, ids: readonly string[], manager?: EntityManager): Promise<{ organizationName: string; names: Map<string, string> } | null> {
    return this.users.directory(organizationId, ids, manager);
  }

  /**
   * `directory` with the version of what it read (`directoryVersionSql` gives the same while nothing it read changed;
   * null for no such organization), in the same ONE statement.
   */
  versionedDirectory(
    organizationId: string,
    ids: readonly string[],
    manager: EntityManager,
  ): Promise<{ directory: { organizationName: string; names: Map<string, string> } | null; version: string | null }> {
    return this.users.versionedDirectory(organizationId, ids, manager);
  }

  /**
   * The version of exactly what `directory` reads for these ids (the organization's name, the users' names): an SQL
   * expression to embed in the caller's statement (`rowsVersionSql` over the same statement), so that a directory kept
   * with its version is known unchanged while the version is; null for no such organization. Values are bound through
   * `params`.
   */
  directoryVersionSql(params: SqlParams, organizationId: string, ids: readonly string[]): string {
    return rowsVersionSql(this.users.directorySql(params, organizationId, ids));
  }

  /** The organization's users among `ids` with roles, limits, time zone and qualifications, by name: one statement. */
  profilesByIds(manager: EntityManager, organizationId: string, ids: readonly string[]): Promise<UserProfile[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.users.profiles(manager, organizationId, ids);
  }

  /**
   * For mail sent across organizations (the worker's reminders): the users among `ids` and every active recruiter of
   * the organizations in `recruitersOf`, each with their organization. One statement; nothing asked, no statement.
   */
  mailProfiles(manager: EntityManager, ids: readonly string[], recruitersOf: readonly string[] = []): Promise<MailProfile[]> {
    return ids.length === 0 && recruitersOf.length === 0 ? Promise.resolve([]) : this.users.mailProfiles(manager, ids, recruitersOf);
  }

  /** Every active interviewer of the organization, as `profilesByIds` gives them: one statement. */
  activeInterviewerProfiles(manager: EntityManager, organizationId: string): Promise<UserProfile[]> {
    return this.users.profiles(manager, organizationId, null);
  }

  /** How many active interviewers the organization has, and how many are qualified for a pillar (the first-run steps). */
  interviewerCounts(organizationId: string): Promise<{ active: number; qualified: number }> {
    return this.users.interviewerCounts(organizationId);
  }

  /** One's own settings: the time zone in which the web app shows times. */
  async updateMe(actor: Actor, input: UpdateMeDto): Promise<MeDto> {
    const userId = actor.userId;
    if (!userId) throw notFound('User');
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockInOrg(manager, actor.organizationId, userId);
      if (!user) throw notFound('User');
      const before = { ...user };
      if (input.timezone !== undefined) user.timezone = input.timezone;
      const changes = changesBetween(before, user, AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return;
      await manager.save(User, user);
      await this.audit.record(manager, actor, { action: 'user.updated', entityType: 'user', entityId: userId, changes, personal: PERSONAL_FIELDS });
    });
    return this.me(actor);
  }

  /** Rejects a password zxcvbn scores below 3, with the user's email, name and organization name as known words. */
  private async assertStrongPassword(manager: EntityManager, organizationId: string, password: string, userInputs: string[]): Promise<void> {
    const organization = await manager.findOneBy(Organization, { id: organizationId });
    const problem = weakPassword(password, [...userInputs, organization?.name]);
    if (problem) throw problem;
  }
}

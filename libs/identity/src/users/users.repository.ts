import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BY_NAME, keysetRows, likePrefix, lockInOrg, poolQuery, SqlParams, withRowsVersionSql } from '@loopwright/database';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../roles.js';
import { UserQualification } from './user-qualification.entity.js';
import { User } from './user.entity.js';

/** A user as other features check them (assignment rules, hiring managers): no credentials. */
/** Whom a mail goes to: name, address, roles and time zone, with the organization. */
export interface MailProfile {
  id: string;
  organizationId: string;
  name: string;
  email: string;
  active: boolean;
  roles: Role[];
  /** IANA time zone. */
  timezone: string;
}

export interface UserProfile {
  id: string;
  name: string;
  email: string;
  active: boolean;
  roles: Role[];
  weeklyInterviewLimit: number | null;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone: string;
  /** Qualification level by pillar id (`shadow`, `qualified`...). */
  levels: Record<string, string>;
}

export interface UserFilters {
  role?: Role;
  active?: boolean;
  q?: string;
  limit: number;
  cursor?: string;
}

/** Users and their qualifications, always within one organization. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findInOrg(organizationId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { organizationId, id });
  }

  lockInOrg(manager: EntityManager, organizationId: string, id: string): Promise<User | null> {
    return lockInOrg(manager, User, organizationId, id);
  }

  findByEmailInOrg(manager: EntityManager, organizationId: string, email: string): Promise<User | null> {
    return manager.findOneBy(User, { organizationId, email });
  }

  /** Active users with a password and this email, across organizations (login names no organization). */
  findLoginCandidates(email: string, organizationId?: string): Promise<User[]> {
    return this.dataSource.manager.find(User, {
      where: { email, active: true, ...(organizationId ? { organizationId } : {}) },
      order: { createdAt: 'ASC' },
    });
  }

  /** Fetches `limit + 1` rows ordered by name then id, after the cursor. */
  async list(organizationId: string, filters: UserFilters): Promise<User[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where('u.organization_id = :organizationId', { organizationId });
    if (filters.role) query.andWhere(':role = ANY(u.roles)', { role: filters.role });
    if (filters.active !== undefined) query.andWhere('u.active = :active', { active: filters.active });
    if (filters.q) {
      const prefix = likePrefix(filters.q);
      query.andWhere(new Brackets((where) => where.where('lower(u.name) LIKE :prefix', { prefix }).orWhere('u.email LIKE :prefix', { prefix })));
    }
    return keysetRows(query, BY_NAME, filters);
  }

  async qualificationsOf(organizationId: string, userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, UserQualification[]>> {
    const byUser = new Map<string, UserQualification[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return byUser;
    const rows = await manager
      .createQueryBuilder(UserQualification, 'q')
      .where('q.organization_id = :organizationId AND q.user_id IN (:...userIds)', { organizationId, userIds })
      .orderBy('q.pillar_id')
      .getMany();
    for (const row of rows) byUser.get(row.userId)?.push(row);
    return byUser;
  }

  async replaceQualifications(manager: EntityManager, organizationId: string, userId: string, qualifications: Pick<UserQualification, 'pillarId' | 'level'>[]): Promise<void> {
    await manager.delete(UserQualification, { organizationId, userId });
    if (qualifications.length === 0) return;
    await manager.insert(
      UserQualification,
      qualifications.map((qualification) => ({ ...qualification, organizationId, userId })),
    );
  }

  /** The names of the organization's users among `ids` (inactive ones too), in one statement. */
  async namesByIds(manager: EntityManager, organizationId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const params = new SqlParams();
    const [row] = await manager.query<{ names: Record<string, string> }[]>(`SELECT ${this.namesSql(params, organizationId, ids)} AS names`, params.values);
    return new Map(Object.entries(row!.names));
  }

  /**
   * `namesByIds` as an expression of the caller's statement, for a read model that must stay at its statement count
   * (a loop's detail): a json object id → name of the organization's users among `ids` (`{}` for none), the values
   * bound through `params`.
   */
  namesSql(params: SqlParams, organizationId: string, ids: readonly string[]): string {
    return `coalesce((SELECT json_object_agg(u.id, u.name) FROM users u
                       WHERE u.organization_id = ${params.add(organizationId)}::uuid AND u.id = ANY(${params.add([...new Set(ids)])}::uuid[])), '{}'::json)`;
  }


  /** Active admins other than `userId`: an organization must keep at least one. */
  countOtherActiveAdmins(manager: EntityManager, organizationId: string, userId: string): Promise<number> {
    return manager
      .createQueryBuilder(User, 'u')
      .where("u.organization_id = :organizationId AND u.active AND 'admin' = ANY(u.roles) AND u.id <> :userId", { organizationId, userId })
      .getCount();
  }

  /** The organization's active interviewers, and how many of them are qualified for at least one pillar: one statement. */
  async interviewerCounts(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<{ active: number; qualified: number }> {
    const [row] = await manager.query<{ active: number; qualified: number }[]>(
      `SELECT count(*)::int AS active,
              (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM user_qualifications q
                                               WHERE q.user_id = u.id AND q.organization_id = u.organization_id AND q.level = 'qualified')))::int AS qualified
         FROM users u
        WHERE u.organization_id = $1 AND u.active AND 'interviewer' = ANY(u.roles)`,
      [organizationId],
    );
    return { active: row?.active ?? 0, qualified: row?.qualified ?? 0 };
  }

  /** A user with their organization's name and their qualifications, in one statement. */
  async findProfile(organizationId: string, id: string): Promise<(User & { organizationName: string; qualifications: { pillarId: string; level: string }[] }) | null> {
    const rows = await poolQuery<Record<string, unknown>[]>(
      this.dataSource.manager,
      `SELECT u.id, u.email, u.name, u.roles, u.timezone, o.name AS organization_name,
              COALESCE((SELECT json_agg(json_build_object('pillarId', q.pillar_id, 'level', q.level) ORDER BY q.pillar_id)
                          FROM user_qualifications q WHERE q.user_id = u.id AND q.organization_id = u.organization_id), '[]') AS qualifications
         FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.organization_id = $1 AND u.id = $2`,
      [organizationId, id],
    );
    const row = rows[0];
    if (!row) return null;
    return Object.assign(new User(), {
      id: row.id,
      email: row.email,
      name: row.name,
      roles: row.roles,
      timezone: row.timezone,
      organizationId,
      organizationName: row.organization_name as string,
      qualifications: row.qualifications as { pillarId: string; level: string }[],
    });
  }

  /** The organization's name with the names of its users among `ids`: one statement; null for no such organization. */
  async directory(
    organizationId: string,
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ organizationName: string; names: Map<string, string> } | null> {
    return (await this.versionedDirectory(organizationId, ids, manager, false)).directory;
  }

  /** `directory` with the version of the row read (`withRowsVersionSql`, null for no such organization), same statement. */
  async versionedDirectory(
    organizationId: string,
    ids: readonly string[],
    manager: EntityManager,
    withVersion = true,
  ): Promise<{ directory: { organizationName: string; names: Map<string, string> } | null; version: string | null }> {
    const params = new SqlParams();
    const select = this.directorySql(params, organizationId, ids);
    const rows = await manager.query<{ name: string; users: { id: string; name: string }[]; rows_version?: string }[]>(
      withVersion ? withRowsVersionSql(select) : select,
      params.values,
    );
    const row = rows[0];
    return {
      directory: row ? { organizationName: row.name, names: new Map(row.users.map((user) => [user.id, user.name])) } : null,
      version: row?.rows_version ?? null,
    };
  }

  /**
   * The statement of `directory` (one row, none for no such organization), its values bound through `params`. Also
   * what the directory's version is made of (`UsersService.directoryVersionSql`).
   */
  directorySql(params: SqlParams, organizationId: string, ids: readonly string[]): string {
    return `SELECT o.name, coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.id)
                                 FROM users u WHERE u.organization_id = o.id AND u.id = ANY(${params.add([...new Set(ids)])}::uuid[])), '[]'::json) AS users
         FROM organizations o WHERE o.id = ${params.add(organizationId)}`;
  }

  /**
   * Users of the organization among `ids` (with null: every active interviewer), by name, each with what the
   * assignment rules look at: roles, active, weekly limit, time zone and qualification level per pillar. One statement.
   */
  async profiles(manager: EntityManager, organizationId: string, ids: readonly string[] | null): Promise<UserProfile[]> {
    const rows = await manager.query<
      { id: string; name: string; email: string; active: boolean; roles: Role[]; weekly_interview_limit: number | null; timezone: string; levels: Record<string, string> }[]
    >(
      `SELECT u.id, u.name, u.email, u.active, u.roles, u.weekly_interview_limit, u.timezone,
              coalesce((SELECT json_object_agg(q.pillar_id, q.level) FROM user_qualifications q
                         WHERE q.user_id = u.id AND q.organization_id = u.organization_id), '{}'::json) AS levels
         FROM users u
        WHERE u.organization_id = $1
          AND (CASE WHEN $2::uuid[] IS NULL THEN u.active AND 'interviewer' = ANY(u.roles) ELSE u.id = ANY($2::uuid[]) END)
        ORDER BY u.name, u.id`,
      [organizationId, ids === null ? null : [...new Set(ids)]],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      active: row.active,
      roles: row.roles,
      weeklyInterviewLimit: row.weekly_interview_limit,
      timezone: row.timezone,
      levels: row.levels,
    }));
  }

  /**
   * Across organizations: the users among `ids`, and every active recruiter of the organizations in `recruitersOf`,
   * with their organization. One statement.
   */
  async mailProfiles(manager: EntityManager, ids: readonly string[], recruitersOf: readonly string[]): Promise<MailProfile[]> {
    const rows = await manager.query<{ id: string; organization_id: string; name: string; email: string; active: boolean; roles: Role[]; timezone: string }[]>(
      `SELECT u.id, u.organization_id, u.name, u.email, u.active, u.roles, u.timezone
         FROM users u
        WHERE u.id = ANY($1::uuid[]) OR (u.organization_id = ANY($2::uuid[]) AND u.active AND 'recruiter' = ANY(u.roles))
        ORDER BY u.name, u.id`,
      [[...new Set(ids)], [...new Set(recruitersOf)]],
    );
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      name: row.name,
      email: row.email,
      active: row.active,
      roles: row.roles,
      timezone: row.timezone,
    }));
  }

  async anyUserExists(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM users LIMIT 1');
    return rows.length > 0;
  }

  /** The active users of the organization among these emails, oldest first. */
  activeByEmails(organizationId: string, emails: string[]): Promise<User[]> {
    if (emails.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(User, { where: { organizationId, active: true, email: In(emails) }, order: { createdAt: 'ASC' } });
  }
}

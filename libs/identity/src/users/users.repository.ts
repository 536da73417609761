import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor } from '@loopwright/core';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../roles.js';
import { UserQualification } from './user-qualification.entity.js';
import { User } from './user.entity.js';

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
    return manager.findOne(User, { where: { organizationId, id }, lock: { mode: 'pessimistic_write' } });
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
      .where('u.organization_id = :organizationId', { organizationId })
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(filters.limit + 1);
    if (filters.role) query.andWhere(':role = ANY(u.roles)', { role: filters.role });
    if (filters.active !== undefined) query.andWhere('u.active = :active', { active: filters.active });
    if (filters.q) {
      const prefix = `${filters.q.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      query.andWhere(new Brackets((where) => where.where('lower(u.name) LIKE :prefix', { prefix }).orWhere('u.email LIKE :prefix', { prefix })));
    }
    const after = decodeCursor<{ name: string; id: string }>(filters.cursor, ['name', 'id']);
    if (after) query.andWhere('(u.name, u.id) > (:afterName, :afterId)', { afterName: after.name, afterId: after.id });
    return query.getMany();
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

  /** Active admins other than `userId`: an organization must keep at least one. */
  countOtherActiveAdmins(manager: EntityManager, organizationId: string, userId: string): Promise<number> {
    return manager
      .createQueryBuilder(User, 'u')
      .where("u.organization_id = :organizationId AND u.active AND 'admin' = ANY(u.roles) AND u.id <> :userId", { organizationId, userId })
      .getCount();
  }

  async anyUserExists(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM users LIMIT 1');
    return rows.length > 0;
  }
}

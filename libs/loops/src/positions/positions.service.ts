import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { forbidden, notFound, validationFailed, type Page } from '@loopwright/core';
import { keysetPage, lockInOrg, NEWEST_FIRST } from '@loopwright/database';
import { AuditLog, changesBetween, hasRole, UsersService, type Actor } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { canChangePosition } from '../access.js';
import type { CreatePositionDto, UpdatePositionDto } from './create-position.dto.js';
import type { ListPositionsQueryDto } from './list-positions-query.dto.js';
import type { PositionDto } from './position.dto.js';
import { Position } from './position.entity.js';

const AUDITED_FIELDS: (keyof Position & string)[] = ['title', 'roleFamily', 'level', 'hiringManagerId', 'status'];

export function toPositionDto(position: Position): PositionDto {
  return {
    id: position.id,
    title: position.title,
    roleFamily: position.roleFamily,
    level: position.level,
    hiringManagerId: position.hiringManagerId,
    status: position.status,
    createdAt: position.createdAt,
    updatedAt: position.updatedAt,
  };
}

/** Positions: admins and hiring managers create them; the hiring manager of a position (or an admin) changes it. */
@Injectable()
export class PositionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly users: UsersService,
  ) {}

  async create(actor: Actor, input: CreatePositionDto): Promise<PositionDto> {
    return this.dataSource.transaction(async (manager) => {
      const position = await this.createInTransaction(manager, actor, input);
      return toPositionDto(position);
    });
  }

  /** Also used by the demo team's setup. */
  async createInTransaction(manager: EntityManager, actor: Actor, input: CreatePositionDto): Promise<Position> {
    const hiringManagerId = input.hiringManagerId ?? (hasRole(actor, 'hiring_manager') ? actor.userId : null);
    if (!hiringManagerId) throw validationFailed([{ field: 'hiringManagerId', problems: ['hiringManagerId is required'] }]);
    await this.assertHiringManager(manager, actor.organizationId, hiringManagerId);
    const position = manager.create(Position, {
      id: randomUUID(),
      organizationId: actor.organizationId,
      title: input.title,
      roleFamily: input.roleFamily,
      level: input.level,
      hiringManagerId,
      status: 'open',
    });
    await manager.insert(Position, position);
    const saved = await manager.findOneByOrFail(Position, { id: position.id });
    await this.audit.recordCreated(manager, actor, 'position', saved.id, saved, AUDITED_FIELDS);
    return saved;
  }

  async list(actor: Actor, query: ListPositionsQueryDto): Promise<Page<PositionDto>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(Position, 'p')
      .where('p.organization_id = :organizationId', { organizationId: actor.organizationId });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    if (query.hiringManagerId) builder.andWhere('p.hiring_manager_id = :hiringManagerId', { hiringManagerId: query.hiringManagerId });
    return keysetPage(builder, NEWEST_FIRST, query, toPositionDto);
  }

  async get(actor: Actor, id: string): Promise<PositionDto> {
    const position = await this.dataSource.manager.findOneBy(Position, { organizationId: actor.organizationId, id });
    if (!position) throw notFound('Position');
    return toPositionDto(position);
  }

  async update(actor: Actor, id: string, input: UpdatePositionDto): Promise<PositionDto> {
    return this.dataSource.transaction(async (manager) => {
      const position = await lockInOrg(manager, Position, actor.organizationId, id);
      if (!position) throw notFound('Position');
      if (!canChangePosition(actor, position.hiringManagerId))
        throw forbidden('Only the hiring manager of this position or an admin may change it');
      if (input.hiringManagerId !== undefined && input.hiringManagerId !== position.hiringManagerId) {
        await this.assertHiringManager(manager, actor.organizationId, input.hiringManagerId);
      }
      const before = { ...position };
      const after: Position = {
        ...position,
        title: input.title ?? position.title,
        roleFamily: input.roleFamily ?? position.roleFamily,
        level: input.level ?? position.level,
        hiringManagerId: input.hiringManagerId ?? position.hiringManagerId,
        status: input.status ?? position.status,
      };
      const changes = changesBetween(before, after, AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return toPositionDto(position);
      await manager.update(
        Position,
        { organizationId: actor.organizationId, id },
        {
          title: after.title,
          roleFamily: after.roleFamily,
          level: after.level,
          hiringManagerId: after.hiringManagerId,
          status: after.status,
        },
      );
      await this.audit.record(manager, actor, { action: 'position.updated', entityType: 'position', entityId: id, changes });
      return toPositionDto(await manager.findOneByOrFail(Position, { id }));
    });
  }

  private async assertHiringManager(manager: EntityManager, organizationId: string, userId: string): Promise<void> {
    const [user] = await this.users.profilesByIds(manager, organizationId, [userId]);
    if (!user || !user.active || !user.roles.includes('hiring_manager')) {
      throw validationFailed([
        {
          field: 'hiringManagerId',
          problems: ['hiringManagerId must be an active user of this organization with the hiring_manager role'],
        },
      ]);
    }
  }
}

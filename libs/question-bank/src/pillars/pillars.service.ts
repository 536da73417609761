import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@loopwright/core';
import { AuditLog, changesBetween, type Actor } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Question } from '../questions/question.entity.js';
import { readSeedFile, type SeedPillar } from '../seed/seed-files.js';
import type { CreatePillarDto } from './create-pillar.dto.js';
import type { PillarDto } from './pillar.dto.js';
import { Pillar, PILLAR_REFERENCE_PREFIX } from './pillar.entity.js';
import { foreignKeyViolation, isUniqueViolation, lockInOrg, type SqlParams } from '@loopwright/database';
import { pillarInUse, pillarKeyTaken } from './pillars.errors.js';
import { pillarsJson } from './pillars.sql.js';
import type { UpdatePillarDto } from './update-pillar.dto.js';

const AUDITED_FIELDS: (keyof Pillar & string)[] = ['key', 'name', 'description', 'position'];
const KEY_INDEX = 'pillars_organization_key_key';

export function toPillarDto(pillar: Pillar): PillarDto {
  return {
    id: pillar.id,
    key: pillar.key,
    name: pillar.name,
    description: pillar.description,
    position: pillar.position,
    createdAt: pillar.createdAt,
  };
}

/** The pillars of an organization: the four defaults from the article, plus any an admin adds. */
@Injectable()
export class PillarsService {
  private readonly defaults = readSeedFile<SeedPillar[]>('pillars.json');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** The four pillars of the article, for a new organization (`QuestionBankSetup`). */
  async createDefaults(manager: EntityManager, organizationId: string): Promise<Pillar[]> {
    const pillars = this.defaults.map((pillar, position) =>
      manager.create(Pillar, {
        id: randomUUID(),
        organizationId,
        key: pillar.key,
        name: pillar.name,
        description: pillar.description,
        position,
      }),
    );
    await manager.insert(Pillar, pillars);
    return pillars;
  }

  listInOrg(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<Pillar[]> {
    return manager.find(Pillar, { where: { organizationId }, order: { position: 'ASC', id: 'ASC' } });
  }

  /**
   * `listInOrg` as an SQL expression to embed in the caller's statement (like `QuestionsService.catalogSql`), where a
   * read model must stay at its statement count (my assignments, per row): json `CatalogPillar[]` of the organization's
   * pillars among `pillarIds` in their order, `[]` for none. `pillarIds` is an SQL uuid[] expression of the caller's
   * statement (a column), written by the calling code, never input; the organization is bound through `params`.
   */
  pillarsSql(params: SqlParams, organizationId: string, pillarIds: string): string {
    return pillarsJson(`${params.add(organizationId)}::uuid`, pillarIds);
  }

  findInOrg(manager: EntityManager, organizationId: string, id: string): Promise<Pillar | null> {
    return manager.findOneBy(Pillar, { organizationId, id });
  }

  async existingPillarIds(manager: EntityManager, organizationId: string, pillarIds: string[]): Promise<Set<string>> {
    if (pillarIds.length === 0) return new Set();
    const rows = await manager.find(Pillar, { select: { id: true }, where: { organizationId, id: In(pillarIds) } });
    return new Set(rows.map((row) => row.id));
  }

  async list(actor: Actor): Promise<PillarDto[]> {
    return (await this.listInOrg(actor.organizationId)).map(toPillarDto);
  }

  async create(actor: Actor, input: CreatePillarDto): Promise<PillarDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertKeyFree(manager, actor.organizationId, input.key);
      const position = input.position ?? (await this.nextPosition(manager, actor.organizationId));
      const pillar = manager.create(Pillar, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        key: input.key,
        name: input.name,
        description: input.description ?? '',
        position,
      });
      await this.write(() => manager.insert(Pillar, pillar), input.key);
      const saved = await manager.findOneByOrFail(Pillar, { id: pillar.id });
      await this.audit.recordCreated(manager, actor, 'pillar', saved.id, saved, AUDITED_FIELDS);
      return toPillarDto(saved);
    });
  }

  async update(actor: Actor, id: string, input: UpdatePillarDto): Promise<PillarDto> {
    return this.dataSource.transaction(async (manager) => {
      const pillar = await this.lockInOrg(manager, actor.organizationId, id);
      const before = { ...pillar };
      if (input.key !== undefined && input.key !== pillar.key) await this.assertKeyFree(manager, actor.organizationId, input.key);
      const after: Pillar = { ...pillar, ...definedFields(input) };
      const changes = changesBetween(before, after, AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return toPillarDto(pillar);
      await this.write(
        () =>
          manager.update(
            Pillar,
            { id, organizationId: actor.organizationId },
            { key: after.key, name: after.name, description: after.description, position: after.position },
          ),
        after.key,
      );
      await this.audit.record(manager, actor, { action: 'pillar.updated', entityType: 'pillar', entityId: id, changes });
      return toPillarDto(after);
    });
  }

  /**
   * Deletes a pillar nothing refers to; 409 `PILLAR_IN_USE` otherwise: the question bank's own questions are checked
   * first, then the foreign keys of other features (`pillarReference`) refuse the delete and name what uses it.
   */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The row lock makes a concurrent insert that refers to this pillar wait for the outcome.
      const pillar = await this.lockInOrg(manager, actor.organizationId, id);
      if (await manager.exists(Question, { where: { organizationId: actor.organizationId, pillarId: id } })) throw pillarInUse(['questions']);
      try {
        await manager.delete(Pillar, { id, organizationId: actor.organizationId });
      } catch (error) {
        const violated = foreignKeyViolation(error);
        if (violated) throw pillarInUse([usedByReference(violated.constraint)]);
        throw error;
      }
      await this.audit.record(manager, actor, {
        action: 'pillar.deleted',
        entityType: 'pillar',
        entityId: id,
        changes: changesBetween(pillar, {}, AUDITED_FIELDS),
      });
    });
  }

  private async lockInOrg(manager: EntityManager, organizationId: string, id: string): Promise<Pillar> {
    const pillar = await lockInOrg(manager, Pillar, organizationId, id);
    if (!pillar) throw notFound('Pillar');
    return pillar;
  }

  private async assertKeyFree(manager: EntityManager, organizationId: string, key: string): Promise<void> {
    if (await manager.exists(Pillar, { where: { organizationId, key } })) throw pillarKeyTaken(key);
  }

  private async nextPosition(manager: EntityManager, organizationId: string): Promise<number> {
    const [row] = await manager.query<{ next: number }[]>(
      'SELECT coalesce(max(position) + 1, 0)::int AS next FROM pillars WHERE organization_id = $1',
      [organizationId],
    );
    return row?.next ?? 0;
  }

  /** Two requests taking the same key at once: the unique index decides, the loser gets the same 409. */
  private async write(operation: () => Promise<unknown>, key: string): Promise<void> {
    try {
      await operation();
    } catch (error) {
      if (isUniqueViolation(error, KEY_INDEX)) throw pillarKeyTaken(key);
      throw error;
    }
  }
}

/** What a `pillarReference` foreign key says uses the pillar: `pillar_used_by_loop_rounds` → `loop rounds`. */
function usedByReference(constraint: string | undefined): string {
  return constraint?.startsWith(PILLAR_REFERENCE_PREFIX) ? constraint.slice(PILLAR_REFERENCE_PREFIX.length).replaceAll('_', ' ') : 'other records';
}

function definedFields<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrganizationSetup, PillarCatalog } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { readSeedFile, type SeedPillar } from '../seed/seed-files.js';
import { Pillar } from './pillar.entity.js';

/** The pillars of an organization: the four defaults from the article, plus any an admin adds. */
@Injectable()
export class PillarsService extends PillarCatalog implements OnModuleInit {
  private readonly defaults = readSeedFile<SeedPillar[]>('pillars.json');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizationSetup: OrganizationSetup,
  ) {
    super();
  }

  onModuleInit(): void {
    this.organizationSetup.register('default-pillars', async (manager, organization) => {
      await this.createDefaults(manager, organization.id);
    });
  }

  async createDefaults(manager: EntityManager, organizationId: string): Promise<Pillar[]> {
    const pillars = this.defaults.map((pillar, position) =>
      manager.create(Pillar, { id: randomUUID(), organizationId, key: pillar.key, name: pillar.name, description: pillar.description, position }),
    );
    await manager.insert(Pillar, pillars);
    return pillars;
  }

  listInOrg(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<Pillar[]> {
    return manager.find(Pillar, { where: { organizationId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  async existingPillarIds(manager: EntityManager, organizationId: string, pillarIds: string[]): Promise<Set<string>> {
    if (pillarIds.length === 0) return new Set();
    const rows = await manager.find(Pillar, { select: { id: true }, where: { organizationId, id: In(pillarIds) } });
    return new Set(rows.map((row) => row.id));
  }
}

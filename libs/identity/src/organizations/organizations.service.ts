import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { systemActor, type Actor } from '../actor.js';
import { AuditLog } from '../audit/audit-log.js';
import { Organization } from './organization.entity.js';
import { OrganizationSetup } from './organization-setup.js';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly setup: OrganizationSetup,
    private readonly audit: AuditLog,
  ) {}

  /** Creates an organization with everything a new team starts with, inside the caller's transaction. */
  async create(manager: EntityManager, name: string, createdBy?: Omit<Actor, 'organizationId'>): Promise<Organization> {
    const organization = manager.create(Organization, { id: randomUUID(), name });
    await manager.insert(Organization, organization);
    const saved = await manager.findOneByOrFail(Organization, { id: organization.id });
    await this.setup.run(manager, saved);
    const actor: Actor = createdBy ? { ...createdBy, organizationId: saved.id } : systemActor(saved.id);
    await this.audit.record(manager, actor, {
      action: 'organization.created',
      entityType: 'organization',
      entityId: saved.id,
      changes: { name: { before: null, after: name } },
    });
    return saved;
  }

  findById(manager: EntityManager, id: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { id });
  }

  findByName(manager: EntityManager, name: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { name });
  }

  /** How many hours after a round's end its rating, then its write-up, are due in this organization; null when unknown. */
  async dueHours(manager: EntityManager, organizationId: string): Promise<{ rating: number; writeup: number } | null> {
    const organization = await manager.findOne(Organization, { select: { id: true, ratingDueHours: true, writeupDueHours: true }, where: { id: organizationId } });
    return organization ? { rating: organization.ratingDueHours, writeup: organization.writeupDueHours } : null;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@loopwright/core';
import { randomUUID } from 'node:crypto';
import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { systemActor, type Actor } from '../actor.js';
import { AuditLog, changesBetween } from '../audit/audit-log.js';
import { Organization } from './organization.entity.js';
import type { UpdateOrganizationDto } from './update-organization.dto.js';

/** The organization's settings an admin sees and changes. */
export interface OrganizationSettings {
  id: string;
  name: string;
  timezone: string;
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The organization's row and its audit event, inside the caller's transaction. What a new team starts with (pillars,
   * questions, loop templates) belongs to the features above: `OnboardingService.createOrganization` adds it.
   */
  async create(manager: EntityManager, name: string, createdBy?: Omit<Actor, 'organizationId'>): Promise<Organization> {
    const organization = manager.create(Organization, { id: randomUUID(), name });
    await manager.insert(Organization, organization);
    const saved = await manager.findOneByOrFail(Organization, { id: organization.id });
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

  /** How many hours after a round's end (or its recording, when later) its rating, then its write-up, are due here; null when unknown. */
  async dueHours(manager: EntityManager, organizationId: string): Promise<{ rating: number; writeup: number } | null> {
    const organization = await manager.findOne(Organization, { select: { id: true, ratingDueHours: true, writeupDueHours: true }, where: { id: organizationId } });
    return organization ? { rating: organization.ratingDueHours, writeup: organization.writeupDueHours } : null;
  }

  /** `dueHours` of several organizations at once (by id; unknown ones left out), with their time zones: one statement. */
  async dueHoursByIds(
    manager: EntityManager,
    organizationIds: readonly string[],
  ): Promise<Map<string, { rating: number; writeup: number; timezone: string }>> {
    if (organizationIds.length === 0) return new Map();
    const organizations = await manager.find(Organization, {
      select: { id: true, ratingDueHours: true, writeupDueHours: true, timezone: true },
      where: { id: In([...new Set(organizationIds)]) },
    });
    return new Map(
      organizations.map((organization) => [
        organization.id,
        { rating: organization.ratingDueHours, writeup: organization.writeupDueHours, timezone: organization.timezone },
      ]),
    );
  }

  /** The caller's organization: its name and time zone. */
  async settings(actor: Actor): Promise<OrganizationSettings> {
    const organization = await this.dataSource.manager.findOneBy(Organization, { id: actor.organizationId });
    if (!organization) throw notFound('Organization');
    return { id: organization.id, name: organization.name, timezone: organization.timezone };
  }

  /** The organization's candidate retention (days after a candidate's last loop closed; null: off). */
  async candidateRetentionDays(actor: Actor): Promise<number | null> {
    const organization = await this.dataSource.manager.findOne(Organization, { select: { id: true, candidateRetentionDays: true }, where: { id: actor.organizationId } });
    if (!organization) throw notFound('Organization');
    return organization.candidateRetentionDays;
  }

  /** Sets (or, with null, turns off) the candidate retention, audited. */
  async setCandidateRetentionDays(actor: Actor, days: number | null): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, { where: { id: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw notFound('Organization');
      const changes = changesBetween({ candidateRetentionDays: organization.candidateRetentionDays }, { candidateRetentionDays: days }, ['candidateRetentionDays']);
      if (Object.keys(changes).length > 0) {
        await manager.update(Organization, { id: organization.id }, { candidateRetentionDays: days });
        await this.audit.record(manager, actor, { action: 'organization.updated', entityType: 'organization', entityId: organization.id, changes });
      }
      return days;
    });
  }

  /** Every organization with a candidate retention, with its days (the nightly retention job): one statement. */
  async withCandidateRetention(manager: EntityManager = this.dataSource.manager): Promise<{ id: string; days: number }[]> {
    const rows = await manager.find(Organization, { select: { id: true, candidateRetentionDays: true }, where: { candidateRetentionDays: Not(IsNull()) }, order: { id: 'ASC' } });
    return rows.map((row) => ({ id: row.id, days: row.candidateRetentionDays! }));
  }

  /** Changes the organization's time zone (where new members start; existing members keep theirs), audited. */
  async updateSettings(actor: Actor, input: UpdateOrganizationDto): Promise<OrganizationSettings> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, { where: { id: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw notFound('Organization');
      const changes = changesBetween({ timezone: organization.timezone }, { timezone: input.timezone }, ['timezone']);
      if (Object.keys(changes).length > 0) {
        await manager.update(Organization, { id: organization.id }, { timezone: input.timezone });
        await this.audit.record(manager, actor, { action: 'organization.updated', entityType: 'organization', entityId: organization.id, changes });
      }
      return { id: organization.id, name: organization.name, timezone: input.timezone };
    });
  }
}

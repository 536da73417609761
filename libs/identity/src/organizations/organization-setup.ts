import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Organization } from './organization.entity.js';

export type OrganizationSetupStep = (manager: EntityManager, organization: Organization) => Promise<void>;

/**
 * What a new organization starts with. Higher features register their steps at start (the question
 * bank adds the default pillars and seed questions); they run in the transaction that creates the organization.
 */
@Injectable()
export class OrganizationSetup {
  private readonly steps: { name: string; step: OrganizationSetupStep }[] = [];

  register(name: string, step: OrganizationSetupStep): void {
    if (!this.steps.some((existing) => existing.name === name)) this.steps.push({ name, step });
  }

  async run(manager: EntityManager, organization: Organization): Promise<void> {
    for (const { step } of this.steps) await step(manager, organization);
  }
}

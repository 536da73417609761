import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LoopTemplatesService } from './templates/loop-templates.service.js';

/** What the loops feature gives every new organization: the default loop templates (on the question bank's pillars). */
@Injectable()
export class LoopsSetup {
  constructor(private readonly templates: LoopTemplatesService) {}

  /** Inside the transaction that creates the organization, after the question bank's setup made its pillars. */
  setUpOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    return this.templates.createDefaults(manager, organizationId);
  }
}

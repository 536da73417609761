import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PillarsService } from './pillars/pillars.service.js';
import { QuestionSeed } from './seed/question-seed.js';

/** What the question bank gives every new organization, in this order: the default pillars, then the seed questions. */
@Injectable()
export class QuestionBankSetup {
  constructor(
    private readonly pillars: PillarsService,
    private readonly seed: QuestionSeed,
  ) {}

  /** Inside the transaction that creates the organization (`OnboardingService.createOrganization`). */
  async setUpOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    await this.pillars.createDefaults(manager, organizationId);
    await this.seed.seedQuestions(manager, organizationId);
  }
}

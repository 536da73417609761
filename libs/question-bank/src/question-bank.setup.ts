import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrganizationSetup } from '@loopwright/identity';
import { PillarsService } from './pillars/pillars.service.js';
import { QuestionSeed } from './seed/question-seed.js';

/** What the question bank gives every new organization, in this order: the default pillars, then the seed questions. */
@Injectable()
export class QuestionBankSetup implements OnModuleInit {
  constructor(
    private readonly organizationSetup: OrganizationSetup,
    private readonly pillars: PillarsService,
    private readonly seed: QuestionSeed,
  ) {}

  onModuleInit(): void {
    this.organizationSetup.register('default-pillars', async (manager, organization) => {
      await this.pillars.createDefaults(manager, organization.id);
    });
    this.organizationSetup.register('seed-questions', async (manager, organization) => {
      await this.seed.seedQuestions(manager, organization.id);
    });
  }
}

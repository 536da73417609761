import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrganizationSetup } from '@loopwright/identity';
import { PillarsService } from '@loopwright/question-bank';
import { LoopsService } from './loops/loops.service.js';
import { LoopTemplatesService } from './templates/loop-templates.service.js';

/**
 * What the loops feature adds at start: the default loop templates of every new organization (after the question
 * bank's pillars, which this module's imports set up first), and the usage check that keeps a pillar the rounds of a loop
 * assess from being deleted. Templates do not block deleting a pillar: a deleted pillar drops out of them on read.
 */
@Injectable()
export class LoopsSetup implements OnModuleInit {
  constructor(
    private readonly organizationSetup: OrganizationSetup,
    private readonly pillars: PillarsService,
    private readonly templates: LoopTemplatesService,
    private readonly loops: LoopsService,
  ) {}

  onModuleInit(): void {
    this.organizationSetup.register('loop-templates', (manager, organization) => this.templates.createDefaults(manager, organization.id));
    this.pillars.registerUsage('loop rounds', (manager, organizationId, pillarId) =>
      this.loops.roundsUsePillar(manager, organizationId, pillarId),
    );
  }
}

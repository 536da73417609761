import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DemoSetup, OrganizationSetup } from '@loopwright/identity';
import { PillarsService } from '@loopwright/question-bank';
import { LoopsDemo } from './loops.demo.js';
import { LoopsService } from './loops/loops.service.js';
import { LoopTemplatesService } from './templates/loop-templates.service.js';

/**
 * What the loops feature adds at start: the default loop templates of every new organization (after the question
 * bank's pillars, which this module's imports set up first); the usage check that keeps a pillar the rounds of a
 * loop assess from being deleted (templates do not block it: a deleted pillar drops out of them on read); and the
 * demo team's position, candidates and loop.
 */
@Injectable()
export class LoopsSetup implements OnModuleInit {
  constructor(
    private readonly organizationSetup: OrganizationSetup,
    private readonly pillars: PillarsService,
    private readonly templates: LoopTemplatesService,
    private readonly loops: LoopsService,
    private readonly demoSetup: DemoSetup,
    private readonly demo: LoopsDemo,
  ) {}

  onModuleInit(): void {
    this.organizationSetup.register('loop-templates', (manager, organization) => this.templates.createDefaults(manager, organization.id));
    this.demoSetup.register('loops-demo', 30, (manager, demo) => this.demo.seed(manager, demo));
  }
}

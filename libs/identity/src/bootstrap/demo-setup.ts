import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Organization } from '../organizations/organization.entity.js';
import type { User } from '../users/user.entity.js';

export interface DemoContext {
  organization: Organization;
  /** The demo users by their key in DEMO_MEMBERS (`admin`, `hiringManager`, `interviewer2`, ...). */
  users: Record<string, User>;
}

export type DemoSetupStep = (manager: EntityManager, demo: DemoContext) => Promise<void>;

/** Higher features add to the demo team (questions, a position, candidates, a loop, scorecards). */
@Injectable()
export class DemoSetup {
  private readonly steps: { name: string; order: number; step: DemoSetupStep }[] = [];

  register(name: string, order: number, step: DemoSetupStep): void {
    if (!this.steps.some((existing) => existing.name === name)) this.steps.push({ name, order, step });
  }

  async run(manager: EntityManager, demo: DemoContext): Promise<void> {
    for (const { step } of [...this.steps].sort((a, b) => a.order - b.order)) await step(manager, demo);
  }
}

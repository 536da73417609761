import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@loopwright/core';
import {
  DEMO_MEMBERS,
  DEMO_ORGANIZATION,
  DEMO_PASSWORD,
  OrganizationsService,
  systemActor,
  UsersService,
  type DemoContext,
  type User,
} from '@loopwright/identity';
import { LoopsDemo } from '@loopwright/loops';
import { ScorecardsDemo } from '@loopwright/scorecards';
import type { DataSource, EntityManager } from 'typeorm';
import { OnboardingService } from './onboarding.service.js';

const BOOTSTRAP_LOCK_KEY = 7_414_191_032;

export interface DemoLogin {
  email: string;
  password: string;
  roles: string[];
}

/**
 * First start: with no user in the database, creates the configured admin (BOOTSTRAP_ADMIN_*) or, in
 * demo mode, the demo team. An advisory lock keeps two starting processes from both doing it.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapService.name);
  demoLogins: DemoLogin[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly onboarding: OnboardingService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly loopsDemo: LoopsDemo,
    private readonly scorecardsDemo: ScorecardsDemo,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.bootstrapAdmin && !this.config.seedDemo) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
      if (await this.users.anyUserExists(manager)) return;
      if (this.config.bootstrapAdmin) {
        const { orgName, email, password } = this.config.bootstrapAdmin;
        const organization = await this.onboarding.createOrganization(manager, orgName);
        const admin = await this.users.createInTransaction(manager, systemActor(organization.id), {
          email,
          name: 'Administrator',
          password,
          roles: ['admin', 'hiring_manager', 'interviewer'],
        });
        // Ids only: the admin's email is personal data, and BOOTSTRAP_ADMIN_EMAIL says it already.
        this.logger.log({ organizationId: organization.id, userId: admin.id }, 'Created the organization and its admin from BOOTSTRAP_ADMIN_*');
        return;
      }
      await this.seedDemoTeam(manager);
      this.logger.log(`Created the demo team "${DEMO_ORGANIZATION}"`);
    });
    if (this.config.seedDemo) await this.loadDemoLogins();
  }

  /** The demo team, its members, then each feature's demo in the order they build on each other. */
  private async seedDemoTeam(manager: EntityManager): Promise<void> {
    const organization = await this.onboarding.createOrganization(manager, DEMO_ORGANIZATION);
    const users: Record<string, User> = {};
    for (const member of DEMO_MEMBERS) {
      users[member.key] = await this.users.createInTransaction(
        manager,
        systemActor(organization.id),
        { email: member.email, name: member.name, roles: member.roles, password: DEMO_PASSWORD },
        { trustedPassword: true },
      );
    }
    const demo: DemoContext = { organization, users };
    const loop = await this.loopsDemo.seed(manager, demo);
    await this.scorecardsDemo.seed(manager, demo, loop);
  }

  /** The demo logins still valid (present and active), to print at start. */
  private async loadDemoLogins(): Promise<void> {
    const organization = await this.organizations.findByName(this.dataSource.manager, DEMO_ORGANIZATION);
    const members = organization ? await this.users.activeByEmails(organization.id, DEMO_MEMBERS.map((member) => member.email)) : [];
    this.demoLogins = members.map((member) => ({ email: member.email, password: DEMO_PASSWORD, roles: member.roles }));
  }
}

import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@loopwright/core';
import type { DataSource } from 'typeorm';
import { systemActor } from '../actor.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { User } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { DEMO_MEMBERS, DEMO_ORGANIZATION, DEMO_PASSWORD } from './demo-team.js';
import { DemoSetup } from './demo-setup.js';

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
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly usersRepository: UsersRepository,
    private readonly demoSetup: DemoSetup,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.bootstrapAdmin && !this.config.seedDemo) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
      if (await this.usersRepository.anyUserExists()) return;
      if (this.config.bootstrapAdmin) {
        const { orgName, email, password } = this.config.bootstrapAdmin;
        const organization = await this.organizations.create(manager, orgName);
        await this.users.createInTransaction(manager, systemActor(organization.id), {
          email,
          name: 'Administrator',
          password,
          roles: ['admin', 'hiring_manager', 'interviewer'],
        });
        this.logger.log(`Created the organization "${orgName}" and its admin ${email}`);
        return;
      }
      const organization = await this.organizations.create(manager, DEMO_ORGANIZATION);
      const users: Record<string, User> = {};
      for (const member of DEMO_MEMBERS) {
        users[member.key] = await this.users.createInTransaction(manager, systemActor(organization.id), {
          email: member.email,
          name: member.name,
          roles: member.roles,
          password: DEMO_PASSWORD,
        }, { trustedPassword: true });
      }
      await this.demoSetup.run(manager, { organization, users });
      this.logger.log(`Created the demo team "${DEMO_ORGANIZATION}"`);
    });
    if (this.config.seedDemo) await this.loadDemoLogins();
  }

  /** The demo logins still valid (present and active), to print at start. */
  private async loadDemoLogins(): Promise<void> {
    const rows: { email: string; roles: string[] }[] = await this.dataSource.query(
      `SELECT u.email, u.roles FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE o.name = $1 AND u.active AND u.email = ANY($2) ORDER BY u.created_at`,
      [DEMO_ORGANIZATION, DEMO_MEMBERS.map((member) => member.email)],
    );
    this.demoLogins = rows.map((row) => ({ email: row.email, password: DEMO_PASSWORD, roles: row.roles }));
  }
}

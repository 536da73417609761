import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrganizationsService, systemActor, User, UsersService } from '@loopwright/identity';
import { OnboardingService } from '@loopwright/onboarding';
import { Command, CommandRunner, Option } from 'nest-commander';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

interface CreateAdminOptions {
  org: string;
  email: string;
  name?: string;
  password?: string;
}

/** `npm run cli -- create-admin --org "Acme" --email ada@acme.test`: for servers without signup. */
@Command({ name: 'create-admin', description: 'Create an admin (and the organization, if it does not exist yet)' })
export class CreateAdminCommand extends CommandRunner {
  private readonly logger = new Logger('cli');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly onboarding: OnboardingService,
    private readonly users: UsersService,
  ) {
    super();
  }

  async run(_inputs: string[], options: CreateAdminOptions): Promise<void> {
    const generated = !options.password && !process.env.LOOPWRIGHT_ADMIN_PASSWORD;
    const password = options.password ?? process.env.LOOPWRIGHT_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
    const email = options.email.trim().toLowerCase();
    const result = await this.dataSource.transaction(async (manager) => {
      const existing = await this.organizations.findByName(manager, options.org);
      const organization = existing ?? (await this.onboarding.createOrganization(manager, options.org));
      const taken = await manager.findOneBy(User, { organizationId: organization.id, email });
      if (taken) throw new Error(`${email} already exists in "${organization.name}"; change their roles with PATCH /api/users/${taken.id}`);
      const user = await this.users.createInTransaction(manager, systemActor(organization.id), {
        email,
        name: options.name ?? 'Administrator',
        password,
        roles: ['admin'],
      });
      return { organization, user, created: !existing };
    });
    process.stdout.write(
      `${result.created ? 'Created' : 'Using'} organization "${result.organization.name}" (${result.organization.id})\n` +
        `Created admin ${result.user.email}${generated ? ` with the password: ${password}\n(shown once; change it after signing in)` : ''}\n`,
    );
    this.logger.log({ organizationId: result.organization.id, userId: result.user.id }, 'create-admin');
  }

  @Option({ flags: '--org <name>', description: 'Organization name (created when missing)', required: true })
  parseOrg(value: string): string {
    return value;
  }

  @Option({ flags: '--email <email>', description: 'Email of the admin', required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'Display name' })
  parseName(value: string): string {
    return value;
  }

  @Option({
    flags: '--password <password>',
    description: 'At least 10 characters; or set LOOPWRIGHT_ADMIN_PASSWORD; else one is generated',
  })
  parsePassword(value: string): string {
    if (value.length < 10) throw new Error('The password must have at least 10 characters');
    return value;
  }
}

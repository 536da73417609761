import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppError } from '@loopwright/core';
import {
  AuthService,
  OrganizationsService,
  toUserDto,
  UsersService,
  type Actor,
  type Organization,
  type SignupDto,
  type SignupResponseDto,
} from '@loopwright/identity';
import { LoopsSetup } from '@loopwright/loops';
import { QuestionBankSetup } from '@loopwright/question-bank';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A new organization with everything a team starts with, in the caller's transaction: identity's row and its audit
 * event, then the question bank's pillars and seed questions, then the loop templates made on those pillars. Signup,
 * the first start, the CLI's `create-admin` and the tests' factories all create organizations here.
 */
@Injectable()
export class OnboardingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly questionBank: QuestionBankSetup,
    private readonly loops: LoopsSetup,
  ) {}

  async createOrganization(manager: EntityManager, name: string, createdBy?: Omit<Actor, 'organizationId'>): Promise<Organization> {
    const organization = await this.organizations.create(manager, name, createdBy);
    await this.questionBank.setUpOrganization(manager, organization.id);
    await this.loops.setUpOrganization(manager, organization.id);
    return organization;
  }

  /** A new organization and its first admin, signed in (only when the server allows signup: 404 otherwise). */
  async signup(input: SignupDto, requestId: string): Promise<SignupResponseDto> {
    if (!this.config.allowSignup) throw new AppError('NOT_FOUND', 'Signup is not enabled on this server', HttpStatus.NOT_FOUND);
    return this.dataSource.transaction(async (manager) => {
      const organization = await this.createOrganization(manager, input.orgName);
      const actor: Actor = { userId: null, organizationId: organization.id, roles: ['admin'], requestId, tokenId: null };
      const user = await this.users.createInTransaction(manager, actor, {
        email: input.email,
        name: input.name,
        password: input.password,
        roles: ['admin'],
      });
      const session = await this.auth.startSession(manager, user);
      return {
        token: session.token,
        expiresAt: session.expiresAt as Date,
        user: toUserDto(user),
        organization: { id: organization.id, name: organization.name },
      };
    });
  }
}

import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, notFound, openSecret, sealSecret, validationFailed, type FieldProblem } from '@loopwright/core';
import { isUniqueViolation } from '@loopwright/database';
import { IsNull, LessThanOrEqual, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { systemActor, type Actor } from '../actor.js';
import { AuditLog } from '../audit/audit-log.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { AuthService } from '../auth/auth.service.js';
import { hashToken } from '../auth/secrets.js';
import type { Role } from '../roles.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { OidcLoginState } from './oidc-login-state.entity.js';
import { OidcRelyingParty, type ProviderClient } from './oidc-relying-party.js';
import { ssoDomainTaken, ssoRefused } from './sso.errors.js';
import { SsoDomain } from './sso-domain.entity.js';
import { SsoLinkApproval } from './sso-link-approval.entity.js';
import { mappedRoles, roleMappingProblems } from './sso-roles.js';
import { SsoSettings } from './sso-settings.entity.js';
import type { SsoLinkApprovalDto, SsoSettingsDto, UpdateSsoSettingsDto } from './sso-settings.dto.js';
import { UserIdentity } from './user-identity.entity.js';

/** A sign-in started at the provider must come back within this long. */
const LOGIN_STATE_MINUTES = 10;
/** An admin's link approval waits this long for the user's first single sign-on. */
const LINK_APPROVAL_DAYS = 7;

const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** Single sign-on with OpenID Connect: the organization's provider settings, and sign-in through it. */
@Injectable()
export class SsoService implements OnModuleInit {
  private readonly logger = new Logger(SsoService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly relyingParty: OidcRelyingParty,
  ) {}

  onModuleInit(): void {
    if (this.config.secretsKey.derived) this.logger.warn('SECRETS_KEY is not set: stored secrets use a development key; set SECRETS_KEY in production');
  }

  async settings(actor: Actor): Promise<SsoSettingsDto> {
    const settings = await this.dataSource.manager.findOneBy(SsoSettings, { organizationId: actor.organizationId });
    if (!settings) throw notFound('Single sign-on settings');
    return this.toDto(this.dataSource.manager, settings);
  }

  async update(actor: Actor, input: UpdateSsoSettingsDto): Promise<SsoSettingsDto> {
    const problems: FieldProblem[] = [];
    const mappingProblems = input.roleMapping === undefined ? [] : roleMappingProblems(input.roleMapping);
    if (mappingProblems.length > 0) problems.push({ field: 'roleMapping', problems: mappingProblems });
    if (!this.config.oidcAllowInsecureIssuers && !input.issuer.startsWith('https://'))
      problems.push({ field: 'issuer', problems: ['must be an https:// URL'] });
    if (problems.length > 0) throw validationFailed(problems);
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(SsoSettings, { where: { organizationId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!before && input.clientSecret === undefined) throw validationFailed([{ field: 'clientSecret', problems: ['is required the first time'] }]);
      const breakGlassUserIds = input.breakGlassUserIds ?? before?.breakGlassUserIds ?? [];
      await this.assertActiveAdmins(manager, actor.organizationId, breakGlassUserIds);
      const settings = manager.create(SsoSettings, {
        organizationId: actor.organizationId,
        issuer: input.issuer.replace(/\/+$/, ''),
        clientId: input.clientId,
        clientSecretSealed:
          input.clientSecret === undefined ? (before as SsoSettings).clientSecretSealed : sealSecret(this.config.secretsKey.key, input.clientSecret, actor.organizationId),
        roleClaim: input.roleClaim === undefined ? (before?.roleClaim ?? null) : input.roleClaim,
        roleMapping: input.roleMapping ?? before?.roleMapping ?? {},
        defaultRoles: input.defaultRoles ?? before?.defaultRoles ?? [],
        required: input.required,
        breakGlassUserIds,
        updatedAt: this.clock.now(),
      });
      await manager.save(SsoSettings, settings);
      await manager.delete(SsoDomain, { organizationId: actor.organizationId });
      for (const domain of input.allowedDomains) {
        try {
          await manager.insert(SsoDomain, { organizationId: actor.organizationId, domain });
        } catch (error) {
          if (isUniqueViolation(error, 'PK_586adb1f29cd99ed778c30fb1fd')) throw ssoDomainTaken(domain);
          throw error;
        }
      }
      await this.audit.record(manager, actor, {
        action: before ? 'sso.updated' : 'sso.created',
        entityType: 'organization',
        entityId: actor.organizationId,
        changes: {
          issuer: { before: before?.issuer ?? null, after: settings.issuer },
          allowedDomains: { before: null, after: input.allowedDomains },
          required: { before: before?.required ?? null, after: settings.required },
          clientSecret: { before: null, after: input.clientSecret === undefined ? 'kept' : 'replaced' },
        },
      });
      return this.toDto(manager, settings);
    });
  }

  /**
   * Lets an existing user's next single sign-on link their provider account, when its verified email is theirs. Without
   * this, a provider account with the email of a password user is refused: a matching email alone never links.
   */
  async approveLink(actor: Actor, userId: string): Promise<SsoLinkApprovalDto> {
    const user = await this.dataSource.manager.findOneBy(User, { id: userId, organizationId: actor.organizationId });
    if (!user) throw notFound('User');
    const expiresAt = new Date(this.clock.now().getTime() + LINK_APPROVAL_DAYS * 86_400_000);
    await this.dataSource.transaction(async (manager) => {
      await manager.upsert(SsoLinkApproval, { organizationId: actor.organizationId, userId, approvedBy: actor.userId ?? userId, expiresAt }, ['userId']);
      await this.audit.record(manager, actor, { action: 'user.sso_link_approved', entityType: 'user', entityId: userId, changes: { expiresAt: { before: null, after: expiresAt } } });
    });
    return { userId, expiresAt };
  }

  /** Home-realm discovery by the email's domain, then the provider's authorization URL; the state is kept for one use. */
  async startSignIn(email: string): Promise<URL> {
    const domain = await this.dataSource.manager.findOneBy(SsoDomain, { domain: domainOf(email) });
    const settings = domain && (await this.dataSource.manager.findOneBy(SsoSettings, { organizationId: domain.organizationId }));
    if (!settings) throw ssoRefused('NO_PROVIDER');
    const started = await this.relyingParty.start(this.clientOf(settings), email).catch((error: unknown) => {
      this.logger.warn(`Identity provider discovery failed: ${(error as { code?: string }).code ?? (error as Error).name}`);
      throw ssoRefused('PROVIDER_UNAVAILABLE');
    });
    const now = this.clock.now();
    await this.dataSource.manager.delete(OidcLoginState, { expiresAt: LessThanOrEqual(now) });
    await this.dataSource.manager.insert(OidcLoginState, {
      organizationId: settings.organizationId,
      stateHash: hashToken(started.state),
      nonce: started.nonce,
      codeVerifier: started.codeVerifier,
      expiresAt: new Date(now.getTime() + LOGIN_STATE_MINUTES * 60_000),
    });
    return started.url;
  }

  /**
   * The provider's answer: the state is consumed (a second use finds nothing), the code exchanged and the ID token
   * checked; the user is found by (issuer, subject), linked with an admin's approval, or created just in time; their
   * roles follow the claim. Answers a new web session's id.
   */
  async finishSignIn(callbackUrl: URL, requestId: string, previousToken: string | null): Promise<{ token: string; expiresAt: Date }> {
    const state = callbackUrl.searchParams.get('state');
    if (!state) throw ssoRefused('SIGN_IN_EXPIRED');
    const [rows] = await this.dataSource.manager.query<[OidcLoginStateRow[], number]>(
      `DELETE FROM oidc_login_states WHERE state_hash = $1 AND expires_at > $2 RETURNING organization_id, nonce, code_verifier`,
      [hashToken(state), this.clock.now()],
    );
    const pending = rows[0];
    if (!pending) throw ssoRefused('SIGN_IN_EXPIRED');
    const settings = await this.dataSource.manager.findOneBy(SsoSettings, { organizationId: pending.organization_id });
    if (!settings) throw ssoRefused('SIGN_IN_EXPIRED');
    let claims: Record<string, unknown>;
    try {
      claims = await this.relyingParty.finish(this.clientOf(settings), callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.code_verifier });
    } catch (error) {
      this.logger.warn(`Single sign-on refused by validation: ${(error as { code?: string }).code ?? (error as Error).name}`);
      throw ssoRefused('PROVIDER_REFUSED');
    }
    const subject = String(claims.sub);
    const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.toLowerCase() : null;
    const user = await this.dataSource.transaction(async (manager) => {
      const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim().slice(0, 200) : null;
      const roles = mappedRoles(claims, settings);
      const linked = await this.linkedUser(manager, settings, { subject, email, name, roles }, requestId);
      if (!linked.active) throw ssoRefused('DEACTIVATED');
      if (roles.length === 0) {
        await this.deactivate(manager, linked, requestId);
        return null;
      }
      if (roles.join() !== linked.roles.join()) {
        await manager.update(User, { id: linked.id, organizationId: linked.organizationId }, { roles });
        await this.audit.record(manager, systemActor(linked.organizationId, requestId), {
          action: 'user.roles_synced',
          entityType: 'user',
          entityId: linked.id,
          changes: { roles: { before: linked.roles, after: roles } },
        });
        linked.roles = roles;
      }
      return linked;
    });
    if (!user) throw ssoRefused('NO_ROLE');
    return this.auth.startWebSessionFor(user, requestId, previousToken, 'sso');
  }

  /** The user of this provider account: by (issuer, subject); else linked by an admin's approval; else created when the domain is allowed. */
  private async linkedUser(
    manager: EntityManager,
    settings: SsoSettings,
    account: { subject: string; email: string | null; name: string | null; roles: Role[] },
    requestId: string,
  ): Promise<User> {
    const { subject, email, name, roles } = account;
    const identity = await manager.findOneBy(UserIdentity, { issuer: settings.issuer, subject, organizationId: settings.organizationId });
    if (identity) return manager.findOneByOrFail(User, { id: identity.userId, organizationId: settings.organizationId });
    if (!email || !(await manager.existsBy(SsoDomain, { domain: domainOf(email), organizationId: settings.organizationId }))) throw ssoRefused('DOMAIN_NOT_ALLOWED');
    const actor = systemActor(settings.organizationId, requestId);
    let user = await manager.findOneBy(User, { organizationId: settings.organizationId, email });
    if (user) {
      const approval = await manager.delete(SsoLinkApproval, { organizationId: settings.organizationId, userId: user.id, expiresAt: MoreThan(this.clock.now()) });
      if (!approval.affected) throw ssoRefused('NOT_LINKED');
    } else {
      if (roles.length === 0) throw ssoRefused('NO_ROLE');
      user = await this.users.createInTransaction(manager, actor, { email, name: name ?? email, roles });
    }
    await manager.insert(UserIdentity, { organizationId: settings.organizationId, userId: user.id, issuer: settings.issuer, subject });
    await this.audit.record(manager, actor, { action: 'user.sso_linked', entityType: 'user', entityId: user.id, changes: { issuer: { before: null, after: settings.issuer } } });
    return user;
  }

  /** The provider maps no role any more: the user is deactivated and every session and token ends. */
  private async deactivate(manager: EntityManager, user: User, requestId: string): Promise<void> {
    await manager.update(User, { id: user.id, organizationId: user.organizationId }, { active: false });
    await manager.update(ApiToken, { userId: user.id, organizationId: user.organizationId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    await this.audit.record(manager, systemActor(user.organizationId, requestId), {
      action: 'user.deactivated',
      entityType: 'user',
      entityId: user.id,
      changes: { active: { before: true, after: false }, via: { before: null, after: 'sso' } },
    });
  }

  private async assertActiveAdmins(manager: EntityManager, organizationId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const admins = await manager
      .createQueryBuilder(User, 'u')
      .select('u.id', 'id')
      .where('u.organization_id = :organizationId AND u.id = ANY(:ids) AND u.active AND :admin = ANY(u.roles)', { organizationId, ids, admin: 'admin' })
      .getRawMany<{ id: string }>();
    if (admins.length !== ids.length) throw validationFailed([{ field: 'breakGlassUserIds', problems: ['must be active admins of the organization'] }]);
  }

  private clientOf(settings: SsoSettings): ProviderClient {
    return {
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecret: openSecret(this.config.secretsKey.key, settings.clientSecretSealed, settings.organizationId),
    };
  }

  private async toDto(manager: EntityManager, settings: SsoSettings): Promise<SsoSettingsDto> {
    const domains = await manager.find(SsoDomain, { where: { organizationId: settings.organizationId }, order: { domain: 'ASC' } });
    return {
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecretSet: true,
      allowedDomains: domains.map((domain) => domain.domain),
      roleClaim: settings.roleClaim,
      roleMapping: settings.roleMapping,
      defaultRoles: settings.defaultRoles,
      required: settings.required,
      breakGlassUserIds: settings.breakGlassUserIds,
      redirectUri: this.relyingParty.redirectUri,
      updatedAt: settings.updatedAt,
    };
  }
}

interface OidcLoginStateRow {
  organization_id: string;
  nonce: string;
  code_verifier: string;
}

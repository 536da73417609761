import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessController } from './access/access.controller.js';
import { AccessEvent } from './access/access-event.entity.js';
import { AccessLog } from './access/access-log.js';
import { AccessRetentionWorker } from './access/access-retention.worker.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { AuditLog } from './audit/audit-log.js';
import { ApiToken } from './auth/api-token.entity.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { LoginFailure } from './auth/login-failure.entity.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { RouteAccessCache } from './auth/route-access.js';
import { TokenAuthenticator } from './auth/token-authenticator.js';
import { Organization } from './organizations/organization.entity.js';
import { OrganizationsService } from './organizations/organizations.service.js';
import { UserQualification } from './users/user-qualification.entity.js';
import { User } from './users/user.entity.js';
import { UsersController } from './users/users.controller.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';
import { PostgresThrottlerStorage } from './rate-limit/postgres-throttler-storage.js';
import { RateLimitWindow } from './rate-limit/rate-limit-window.entity.js';
import { RateLimitGuard } from './rate-limit/rate-limit.guard.js';
import { OidcLoginState } from './sso/oidc-login-state.entity.js';
import { SsoDomain } from './sso/sso-domain.entity.js';
import { SsoLinkApproval } from './sso/sso-link-approval.entity.js';
import { SsoSettings } from './sso/sso-settings.entity.js';
import { UserIdentity } from './sso/user-identity.entity.js';
import { OidcRelyingParty } from './sso/oidc-relying-party.js';
import { SsoController } from './sso/sso.controller.js';
import { SsoService } from './sso/sso.service.js';

export const IDENTITY_ENTITIES = [
  Organization,
  User,
  UserQualification,
  ApiToken,
  LoginFailure,
  AuditEvent,
  AccessEvent,
  RateLimitWindow,
  SsoSettings,
  SsoDomain,
  UserIdentity,
  SsoLinkApproval,
  OidcLoginState,
];

/** Organizations, users and roles, tokens, the auth guard, qualifications and the audit log. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  controllers: [AuthController, UsersController, AuditController, AccessController, SsoController],
  providers: [
    // In this order: the rate limit needs the actor the auth guard sets.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    AccessLog,
    AuditLog,
    AuthService,
    LoginThrottle,
    RouteAccessCache,
    OidcRelyingParty,
    OrganizationsService,
    PostgresThrottlerStorage,
    SsoService,
    TokenAuthenticator,
    UsersRepository,
    UsersService,
  ],
  exports: [AccessLog, AuditLog, AuthService, OrganizationsService, SsoService, UsersService],
})
export class IdentityModule {}

/** The worker's part of identity: deletes access events past their retention. */
@Module({
  imports: [TypeOrmModule.forFeature([AccessEvent])],
  providers: [AccessLog, AccessRetentionWorker],
  exports: [AccessLog],
})
export class IdentityWorkerModule {}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, notFound } from '@loopwright/core';
import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../actor.js';
import { AuditLog } from '../audit/audit-log.js';
import { toUserDto } from '../users/user.mapper.js';
import type { User } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { ApiToken, type TokenKind } from './api-token.entity.js';
import type { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './api-token.dto.js';
import { invalidCredentials, tooManyAttempts } from './auth.errors.js';
import type { LoginDto, LoginResponseDto } from './login.dto.js';
import { LoginThrottle } from './login-throttle.js';
import { ssoRequired } from '../sso/sso.errors.js';
import { SsoSettings } from '../sso/sso-settings.entity.js';
import { hashToken, newToken, verifyPassword } from './secrets.js';
import { WEB_SESSION_MAX_HOURS } from './web-session.js';

export const SESSION_TTL_HOURS = 12;

const signedInActor = (user: User, requestId: string): Actor => ({
  userId: user.id,
  organizationId: user.organizationId,
  roles: user.roles,
  requestId,
  tokenId: null,
});

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
  ) {}

  /** The same 401 for an unknown email and a wrong password, after the same argon2 work. */
  async login(input: LoginDto, requestId: string): Promise<LoginResponseDto> {
    const user = await this.checkCredentials(input);
    const session = await this.dataSource.transaction(async (manager) => {
      const issued = await this.startSession(manager, user);
      await this.audit.record(manager, signedInActor(user, requestId), { action: 'user.logged_in', entityType: 'user', entityId: user.id });
      return issued;
    });
    const qualifications = await this.users.qualificationsOf(user.organizationId, [user.id]);
    return { token: session.token, expiresAt: session.expiresAt as Date, user: toUserDto(user, qualifications.get(user.id)) };
  }

  /**
   * Sign-in from the login page, with the same lockout and the same answers as `login`: a new web session, whose
   * id goes in the session cookie. The session the browser came with (`previousToken`) ends: the id changes at
   * every sign-in, so an id planted before sign-in is worth nothing after it.
   */
  async startWebSession(input: LoginDto, requestId: string, previousToken: string | null): Promise<{ token: string; expiresAt: Date }> {
    const user = await this.checkCredentials(input);
    return this.startWebSessionFor(user, requestId, previousToken, 'web');
  }

  /** A new web session for a user signed in by password (`web`) or single sign-on (`sso`), ending `previousToken`. */
  startWebSessionFor(user: User, requestId: string, previousToken: string | null, via: 'web' | 'sso'): Promise<{ token: string; expiresAt: Date }> {
    return this.dataSource.transaction(async (manager) => {
      if (previousToken) await manager.update(ApiToken, { tokenHash: hashToken(previousToken), kind: 'web', revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      const expiresAt = new Date(this.clock.now().getTime() + WEB_SESSION_MAX_HOURS * 3_600_000);
      const issued = await this.issueToken(manager, user, 'web', null, expiresAt);
      await this.audit.record(manager, signedInActor(user, requestId), {
        action: 'user.logged_in',
        entityType: 'user',
        entityId: user.id,
        changes: { via: { before: null, after: via } },
      });
      return { token: issued.token, expiresAt };
    });
  }

  /** The user these credentials belong to; 429 while the email is locked out, else 401 for any mismatch. */
  private async checkCredentials(input: LoginDto): Promise<User> {
    const email = input.email.toLowerCase();
    const locked = await this.throttle.lockedOrganizations(email);
    const candidates = await this.users.findLoginCandidates(email, input.organizationId);
    // A user locked in one organization does not lock the same email in another.
    const open = candidates.filter((candidate) => !locked.has(candidate.organizationId));
    const lockedFor = candidates.length === 0 ? locked.get(null) : open.length === 0 ? Math.max(...candidates.map((candidate) => locked.get(candidate.organizationId) ?? 1)) : undefined;
    if (lockedFor !== undefined) throw tooManyAttempts(lockedFor);
    let user: User | undefined;
    if (open.length === 0) {
      await verifyPassword(null, input.password);
    } else {
      for (const candidate of open) {
        if (await verifyPassword(candidate.passwordHash, input.password)) {
          user = candidate;
          break;
        }
      }
    }
    if (!user) {
      await this.throttle.recordFailure(email, open.length === 0 ? [null] : open.map((candidate) => candidate.organizationId));
      throw invalidCredentials();
    }
    await this.throttle.clear(email, user.organizationId);
    // Told only after the right password, so that it says nothing about which emails exist.
    if (await this.passwordRefused(user)) throw ssoRequired();
    return user;
  }

  /** Whether the user's organization requires single sign-on and the user is not one of its break-glass admins. */
  private async passwordRefused(user: User): Promise<boolean> {
    const settings = await this.dataSource.manager.findOneBy(SsoSettings, { organizationId: user.organizationId, required: true });
    return settings !== null && !settings.breakGlassUserIds.includes(user.id);
  }

  async logout(actor: Actor): Promise<void> {
    if (!actor.tokenId || !actor.userId) return;
    const tokenId = actor.tokenId;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ApiToken, { id: tokenId, organizationId: actor.organizationId }, { revokedAt: this.clock.now() });
      await this.audit.record(manager, actor, { action: 'token.revoked', entityType: 'api_token', entityId: tokenId });
    });
  }

  /** Revokes every session and personal token of the caller, the one in use included. */
  async logoutAll(actor: Actor): Promise<void> {
    if (!actor.userId) return;
    const userId = actor.userId;
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(ApiToken, { organizationId: actor.organizationId, userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      await this.audit.record(manager, actor, {
        action: 'user.logged_out_everywhere',
        entityType: 'user',
        entityId: userId,
        changes: { revokedTokens: { before: null, after: result.affected ?? 0 } },
      });
    });
  }

  async createPersonalToken(actor: Actor, input: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    const user = actor.userId ? await this.users.findInOrg(actor.organizationId, actor.userId) : null;
    if (!user) throw notFound('User');
    const expiresAt = input.expiresInDays ? new Date(this.clock.now().getTime() + input.expiresInDays * 86_400_000) : null;
    return this.dataSource.transaction(async (manager) => {
      const issued = await this.issueToken(manager, user, 'personal', input.name, expiresAt);
      await this.audit.record(manager, actor, {
        action: 'token.created',
        entityType: 'api_token',
        entityId: issued.id,
        changes: { name: { before: null, after: input.name }, expiresAt: { before: null, after: expiresAt } },
      });
      return { id: issued.id, name: input.name, token: issued.token, expiresAt, lastUsedAt: null, createdAt: issued.createdAt };
    });
  }

  async listPersonalTokens(actor: Actor): Promise<ApiTokenDto[]> {
    if (!actor.userId) return [];
    const tokens = await this.dataSource.manager.find(ApiToken, {
      where: { organizationId: actor.organizationId, userId: actor.userId, kind: 'personal', revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return tokens.map((token) => ({
      id: token.id,
      name: token.name ?? '',
      expiresAt: token.expiresAt,
      lastUsedAt: token.lastUsedAt,
      createdAt: token.createdAt,
    }));
  }

  async revokePersonalToken(actor: Actor, id: string): Promise<void> {
    if (!actor.userId) throw notFound('Token');
    const userId = actor.userId;
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        ApiToken,
        { id, organizationId: actor.organizationId, userId, kind: 'personal', revokedAt: IsNull() },
        { revokedAt: this.clock.now() },
      );
      if (!result.affected) throw notFound('Token');
      await this.audit.record(manager, actor, { action: 'token.revoked', entityType: 'api_token', entityId: id });
    });
  }

  /** Issues a token for bootstrap and the CLI (and the tests' factories). */
  async issueToken(
    manager: EntityManager,
    user: User,
    kind: TokenKind,
    name: string | null,
    expiresAt: Date | null,
  ): Promise<{ id: string; token: string; expiresAt: Date | null; createdAt: Date }> {
    const { token, hash } = newToken();
    const id = randomUUID();
    const createdAt = this.clock.now();
    await manager.insert(ApiToken, { id, organizationId: user.organizationId, userId: user.id, kind, name, tokenHash: hash, expiresAt, createdAt });
    return { id, token, expiresAt, createdAt };
  }

  /** A session token valid SESSION_TTL_HOURS, for a login and for the first admin of a signup. */
  startSession(manager: EntityManager, user: User): Promise<{ id: string; token: string; expiresAt: Date | null; createdAt: Date }> {
    return this.issueToken(manager, user, 'session', null, new Date(this.clock.now().getTime() + SESSION_TTL_HOURS * 3_600_000));
  }
}

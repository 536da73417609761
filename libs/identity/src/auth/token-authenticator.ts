import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AUTH_SQL_TAG, poolQuery } from '@loopwright/database';
import type { DataSource } from 'typeorm';
import type { Actor } from '../actor.js';
import type { Role } from '../roles.js';
import { countHitSql, type WindowHit } from '../rate-limit/postgres-throttler-storage.js';
import { USER_KEY_PREFIX } from '../rate-limit/rate-limit-keys.js';
import { BEARER_TOKEN_KINDS, type TokenKind } from './api-token.entity.js';
import { hashToken } from './secrets.js';
import { WEB_SESSION_IDLE_HOURS } from './web-session.js';

interface TokenRow {
  token_id: string;
  user_id: string;
  organization_id: string;
  roles: Role[];
  stale_use: boolean;
  hits: number | null;
  seconds_left: number | null;
}

/** The caller a token resolves to, and the user's rate-limit hit when the lookup counted one. */
export interface AuthenticatedCaller {
  actor: Actor;
  userRateLimitHit?: WindowHit;
}

const CALLER_SQL = `SELECT t.id AS token_id, u.id AS user_id, u.organization_id, u.roles,
              (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale_use
         FROM api_tokens t
         JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.kind = ANY($2::text[]) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.active
          AND (t.kind <> 'web' OR COALESCE(t.last_used_at, t.created_at) > now() - make_interval(hours => $3))`;

/** The lookup and, for the user it finds, the rate-limit hit of the request ($4: the window in ms, $5: the key prefix). */
const CALLER_COUNTING_HIT_SQL = `WITH caller AS (${CALLER_SQL}),
  hit AS (${countHitSql('SELECT $5::text || caller.user_id, $4::double precision FROM caller')})
  SELECT caller.*, hit.hits, hit.seconds_left FROM caller LEFT JOIN hit ON true`;

/**
 * Resolves a bearer token or a web session id to its user in one statement; a revoked, expired or deactivated one,
 * a web session idle for 12 hours, or a token of another kind than `kinds` resolves to nothing. With
 * `rateLimitWindowMs`, the same statement counts the request against the user's rate limit (shared through PostgreSQL).
 */
@Injectable()
export class TokenAuthenticator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async authenticate(
    token: string,
    requestId: string,
    { kinds = BEARER_TOKEN_KINDS, rateLimitWindowMs }: { kinds?: readonly TokenKind[]; rateLimitWindowMs?: number } = {},
  ): Promise<AuthenticatedCaller | null> {
    const parameters: unknown[] = [hashToken(token), kinds, WEB_SESSION_IDLE_HOURS];
    // Every authenticated request runs this: on the pool itself, without a TypeORM query runner (`poolQuery`).
    const { manager } = this.dataSource;
    const rows =
      rateLimitWindowMs === undefined
        ? await poolQuery<TokenRow[]>(manager, `${AUTH_SQL_TAG} ${CALLER_SQL}`, parameters)
        : await poolQuery<TokenRow[]>(manager, `${AUTH_SQL_TAG} ${CALLER_COUNTING_HIT_SQL}`, [...parameters, rateLimitWindowMs, USER_KEY_PREFIX]);
    const row = rows[0];
    if (!row) return null;
    // lastUsedAt to the minute: one write a minute per token, not one per request.
    if (row.stale_use) await poolQuery(manager, `${AUTH_SQL_TAG} UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.token_id]);
    const actor: Actor = { userId: row.user_id, organizationId: row.organization_id, roles: row.roles, requestId, tokenId: row.token_id };
    return row.hits === null || row.hits === undefined || row.seconds_left === null || row.seconds_left === undefined
      ? { actor }
      : { actor, userRateLimitHit: { hits: row.hits, seconds_left: row.seconds_left } };
  }
}

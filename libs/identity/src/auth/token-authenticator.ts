import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AUTH_SQL_TAG } from '@loopwright/database';
import type { DataSource } from 'typeorm';
import type { Actor } from '../actor.js';
import type { Role } from '../roles.js';
import { BEARER_TOKEN_KINDS, type TokenKind } from './api-token.entity.js';
import { hashToken } from './secrets.js';
import { WEB_SESSION_IDLE_HOURS } from './web-session.js';

interface TokenRow {
  token_id: string;
  user_id: string;
  organization_id: string;
  roles: Role[];
  stale_use: boolean;
}

/**
 * Resolves a bearer token or a web session id to its user in one statement; a revoked, expired or deactivated one,
 * a web session idle for 12 hours, or a token of another kind than `kinds` resolves to nothing.
 */
@Injectable()
export class TokenAuthenticator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async authenticate(token: string, requestId: string, kinds: readonly TokenKind[] = BEARER_TOKEN_KINDS): Promise<Actor | null> {
    const rows: TokenRow[] = await this.dataSource.query(
      `${AUTH_SQL_TAG} SELECT t.id AS token_id, u.id AS user_id, u.organization_id, u.roles,
              (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale_use
         FROM api_tokens t
         JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.kind = ANY($2::text[]) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.active
          AND (t.kind <> 'web' OR COALESCE(t.last_used_at, t.created_at) > now() - make_interval(hours => $3))`,
      [hashToken(token), kinds, WEB_SESSION_IDLE_HOURS],
    );
    const row = rows[0];
    if (!row) return null;
    // lastUsedAt to the minute: one write a minute per token, not one per request.
    if (row.stale_use) await this.dataSource.query(`${AUTH_SQL_TAG} UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.token_id]);
    return { userId: row.user_id, organizationId: row.organization_id, roles: row.roles, requestId, tokenId: row.token_id };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, forbidden } from '@loopwright/core';
import { AuditLog, UsersService, type Actor } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inviteUid, kitLink, roundSummary } from '../invites/invite-calendar.js';
import { mailDomain } from '../mail/mail-transport.js';
import { feedCalendar } from './feed-calendar.js';

const DAY = 86_400_000;
/** The feed holds the rounds from this long ago … */
export const FEED_PAST_DAYS = 30;
/** … to this far ahead. */
export const FEED_AHEAD_DAYS = 180;

/** 32 random bytes in base64url: 43 characters. Anything else cannot be a token and is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

const SAVE_TOKEN_SQL = `
  INSERT INTO calendar_tokens (organization_id, user_id, token_hash, created_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (user_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`;

/**
 * Each user's calendar feed (`GET /calendar/:token.ics`): the rounds they interview or shadow, as the invites mailed
 * to them (same UID and SEQUENCE) but METHOD:PUBLISH and without attendees. The token is the only credential: random,
 * stored as its SHA-256 (looked up by that hash through a unique index), one per user, replaced on each request.
 */
@Injectable()
export class CalendarFeed {
  private readonly domain: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsService,
    private readonly users: UsersService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.domain = mailDomain(config.mail.from);
  }

  /** A new feed URL for the caller; the one before stops working in the same commit. */
  async rotate(actor: Actor): Promise<{ url: string }> {
    const userId = actor.userId;
    if (!userId) throw forbidden('Only a user has a calendar feed');
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await manager.query(SAVE_TOKEN_SQL, [actor.organizationId, userId, hashOf(token), this.clock.now()]);
      await this.audit.record(manager, actor, { action: 'calendar_token.rotated', entityType: 'user', entityId: userId });
    });
    return { url: `${this.config.publicUrl}/calendar/${token}.ics` };
  }

  /**
   * The feed of the token's user, or null when the token is not (or no longer) one, or its user was deactivated.
   * Four statements whatever the number of rounds: the token, the user, the rounds, their invites' sequences.
   */
  async feed(token: string): Promise<string | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const manager = this.dataSource.manager;
    const [owner] = await manager.query<{ organization_id: string; user_id: string }[]>(
      'SELECT organization_id, user_id FROM calendar_tokens WHERE token_hash = $1',
      [hashOf(token)],
    );
    if (!owner) return null;
    const [user] = await this.users.profilesByIds(manager, owner.organization_id, [owner.user_id]);
    if (!user?.active) return null;
    const now = this.clock.now();
    const window = { from: new Date(now.getTime() - FEED_PAST_DAYS * DAY), to: new Date(now.getTime() + FEED_AHEAD_DAYS * DAY) };
    const rounds = await this.loops.calendarRounds(owner.organization_id, user.id, window, manager);
    const sequences = new Map(
      rounds.length === 0
        ? []
        : (
            await manager.query<{ round_id: string; sequence: number }[]>(
              'SELECT round_id, sequence FROM invite_sequences WHERE organization_id = $1 AND user_id = $2 AND round_id = ANY($3::uuid[])',
              [owner.organization_id, user.id, rounds.map((round) => round.id)],
            )
          ).map((row) => [row.round_id, row.sequence]),
    );
    return feedCalendar(
      rounds.map((round) => ({
        uid: inviteUid(round.id, user.id, this.domain),
        sequence: sequences.get(round.id) ?? 0,
        startsAt: round.starts_at,
        endsAt: round.ends_at,
        summary: roundSummary(round.title, round.candidate_name),
        url: kitLink(this.config.publicUrl, round.id),
      })),
      now,
    );
  }
}

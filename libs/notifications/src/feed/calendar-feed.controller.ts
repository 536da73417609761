import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { notFound } from '@loopwright/core';
import { AnonymousLimitFactor, Public } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { CalendarFeed } from './calendar-feed.js';

/** The feed's per-IP limit is RATE_LIMIT_ANONYMOUS (default 20 a minute) times this: 600 a minute by default. */
export const FEED_LIMIT_FACTOR = 30;

/** The feed is no page and no HTML: nothing in it may run, load or be framed. */
const FEED_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * `GET /calendar/:token.ics`: a user's calendar feed, for calendar apps that subscribe to it (no session, no bearer
 * token: the token in the URL is the credential). Outside `/api` and out of the OpenAPI document, as the pages; the
 * README's Notifications section documents it. Rate-limited per IP with a count of its own, as every public route,
 * but FEED_LIMIT_FACTOR times higher: calendar apps poll, and a whole office's come from one NAT address.
 */
@ApiExcludeController()
@Public()
@AnonymousLimitFactor(FEED_LIMIT_FACTOR)
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feed: CalendarFeed) {}

  @Get(':file')
  async calendar(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : null;
    const calendar = token === null ? null : await this.feed.feed(token);
    if (calendar === null) throw notFound('Calendar');
    void reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="interviews.ics"')
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', FEED_CSP)
      .header('x-robots-tag', 'noindex');
    return calendar;
  }
}

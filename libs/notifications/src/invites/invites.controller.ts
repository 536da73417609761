import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { CurrentActor, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { RoundInvites } from './round-invites.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class InvitesController {
  constructor(private readonly invites: RoundInvites) {}

  /**
   * The caller's calendar invite to the round (METHOD:REQUEST, times in UTC, the kit link), the same as mailed to
   * them: for its interviewer, shadows and staff, as the kit. 409 ROUND_NOT_SCHEDULED when the round has no time.
   */
  @Get('rounds/:roundId/invite.ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) VCALENDAR with one VEVENT', content: { 'text/calendar': { schema: { type: 'string' } } } })
  async download(
    @CurrentActor() actor: Actor,
    @IdParam('roundId') roundId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const calendar = await this.invites.download(actor, roundId);
    // Set once the invite exists: an error answers in the usual JSON shape.
    void reply.header('content-type', 'text/calendar; charset=utf-8; method=REQUEST').header('content-disposition', 'attachment; filename="invite.ics"');
    return calendar;
  }
}

import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { CurrentActor, type Actor } from '@loopwright/identity';
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
  @Header('content-type', 'text/calendar; charset=utf-8; method=REQUEST')
  @Header('content-disposition', 'attachment; filename="invite.ics"')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) VCALENDAR with one VEVENT', content: { 'text/calendar': { schema: { type: 'string' } } } })
  download(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string): Promise<string> {
    return this.invites.download(actor, roundId);
  }
}

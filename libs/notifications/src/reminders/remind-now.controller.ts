import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { RemindNowDto, RemindNowInputDto } from './remind-now.dto.js';
import { RemindNow } from './remind-now.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class RemindNowController {
  constructor(private readonly remindNow: RemindNow) {}

  /**
   * **Remind now**: one reminder mail, at once, to whoever owes the round's scorecard (the interviewer, or the shadow
   * named by `interviewerId`): admins, recruiters and the position's hiring manager. 202 once it is in the outbox.
   * 429 REMINDED_RECENTLY (with `Retry-After`, `details.nextAllowedAt`) within 4 hours of the seat's last one;
   * 409 SCORECARD_SUBMITTED, ROUND_NOT_ENDED, SEAT_NOT_ATTENDED, ROUND_NOT_ASSIGNED, LOOP_CLOSED, USER_INACTIVE;
   * 400 when `interviewerId` is not on the round.
   */
  @Post('rounds/:roundId/remind')
  @Allow('admin', 'hiring_manager', 'recruiter')
  @HttpCode(HttpStatus.ACCEPTED)
  remind(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string, @Body() body: RemindNowInputDto): Promise<RemindNowDto> {
    return this.remindNow.remind(actor, roundId, body);
  }
}

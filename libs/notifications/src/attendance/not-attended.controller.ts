import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { CurrentActor, type Actor } from '@loopwright/identity';
import { NotAttendedDto } from './not-attended.dto.js';
import { NotAttended } from './not-attended.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotAttendedController {
  constructor(private readonly notAttended: NotAttended) {}

  /**
   * "I did not attend": the round's interviewer, or a shadow for their own seat (404 for anyone else). Stops that
   * seat's reminders at once, shows on the loop plan and the debrief until the round is reassigned (which clears it)
   * or cancelled, and mails the loop's recruiter(s). Said again: 200 with what was recorded, nothing sent again.
   * 409 SCORECARD_SUBMITTED once the seat's scorecard is submitted, ROUND_NOT_STARTED before the round has started
   * (or while it has no time), LOOP_CLOSED once the loop is decided or cancelled.
   */
  @Post('rounds/:roundId/not-attended')
  @HttpCode(HttpStatus.OK)
  say(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string): Promise<NotAttendedDto> {
    return this.notAttended.say(actor, roundId);
  }
}

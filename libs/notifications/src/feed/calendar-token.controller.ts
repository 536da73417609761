import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@loopwright/identity';
import { CalendarFeed } from './calendar-feed.js';
import { CalendarTokenDto } from './calendar-token.dto.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class CalendarTokenController {
  constructor(private readonly feed: CalendarFeed) {}

  /**
   * A new URL of your calendar feed (your rounds as interviewer or shadow, from 30 days ago to 180 days ahead). Each
   * call makes a new one; the URL before it then answers 404.
   */
  @Post('calendar-token')
  rotate(@CurrentActor() actor: Actor): Promise<CalendarTokenDto> {
    return this.feed.rotate(actor);
  }
}

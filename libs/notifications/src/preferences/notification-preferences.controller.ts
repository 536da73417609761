import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@loopwright/identity';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './notification-preferences.dto.js';
import { NotificationPreferences } from './notification-preferences.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferences) {}

  /** Every kind of mail Loopwright sends you, whether it is on, and whether you may turn it off. */
  @Get()
  get(@CurrentActor() actor: Actor): Promise<NotificationPreferencesDto> {
    return this.preferences.get(actor);
  }

  /**
   * Turns kinds on or off (kinds left out keep their setting). An unknown kind is a 400 naming the field
   * (`preferences.0.kind`); so is turning off `reminder`: the reminders of your own scorecards always go out.
   */
  @Put()
  update(@CurrentActor() actor: Actor, @Body() body: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.preferences.update(actor, body);
  }
}

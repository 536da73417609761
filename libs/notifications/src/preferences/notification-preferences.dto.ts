import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { NOTIFICATION_KIND_NAMES } from '../reminders/reminder-preferences.js';

export class NotificationPreferenceDto {
  @ApiProperty({
    enum: NOTIFICATION_KIND_NAMES,
    enumName: 'NotificationKind',
    description: '`reminder` (your own scorecards; always on) or `reminder-digest` (the daily digest of overdue scorecards).',
  })
  kind: string;

  enabled: boolean;

  /** false: this kind cannot be turned off. */
  optional: boolean;

  description: string;
}

export class NotificationPreferencesDto {
  preferences: NotificationPreferenceDto[];
}

export class NotificationPreferenceInputDto {
  @ApiProperty({
    enum: NOTIFICATION_KIND_NAMES,
    enumName: 'NotificationKind',
    description: 'A kind of `GET /api/me/notification-preferences`; another name answers 400 naming the field.',
  })
  @IsIn(NOTIFICATION_KIND_NAMES)
  kind: string;

  /** `false` turns the kind off; only optional kinds may be turned off. */
  @IsBoolean()
  enabled: boolean;
}

export class UpdateNotificationPreferencesDto {
  /** The kinds to change; kinds left out keep their setting. */
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInputDto)
  preferences: NotificationPreferenceInputDto[];
}

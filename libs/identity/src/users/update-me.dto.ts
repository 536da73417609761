import { IsTimeZone } from 'class-validator';
import { Optional } from '@loopwright/core';

/** What a person may change about themself. */
export class UpdateMeDto {
  /** IANA time zone in which you see times in the web app, e.g. `Europe/Berlin`. */
  @Optional()
  @IsTimeZone()
  timezone?: string;
}

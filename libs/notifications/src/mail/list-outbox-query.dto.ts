import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@loopwright/core';
import { MAIL_STATUSES, type MailStatus } from './mail-message.entity.js';

/** The outbox list's filter: a status, and the usual `limit` and `cursor`. */
export class ListOutboxQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;
}

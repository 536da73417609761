import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../actor.js';
import { Allow } from '../auth/allow.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { AuditEventPageDto, ListAuditEventsQueryDto } from './audit-event.dto.js';
import { AuditLog } from './audit-log.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** Every mutation in the organization, newest first; filter by entity, actor or action. */
  @Allow('admin')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    return this.audit.list(actor, query);
  }
}

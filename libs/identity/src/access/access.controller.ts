import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../actor.js';
import { Allow } from '../auth/allow.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { AccessEventPageDto, ListAccessEventsQueryDto } from './access-event.dto.js';
import { AccessLog } from './access-log.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('access-events')
export class AccessController {
  constructor(private readonly access: AccessLog) {}

  /**
   * Who read what, newest first: each read of a packet (any format), a candidate, a loop's scorecards (JSON, CSV),
   * its debrief summary or page, a position's scorecards CSV and an export download, by whom and when (no content).
   * Filter by `candidateId`, `actorId` or `kind`. Kept `ACCESS_EVENTS_RETENTION_DAYS` days.
   */
  @Allow('admin')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListAccessEventsQueryDto): Promise<AccessEventPageDto> {
    return this.access.list(actor, query);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { AssignmentPageDto, InterviewKitDto, ListAssignmentsQueryDto } from './kit.dto.js';
import { KitsService } from './kits.service.js';

@ApiTags('loops')
@ApiBearerAuth()
@Controller()
export class KitsController {
  constructor(private readonly kits: KitsService) {}

  /** My rounds (as interviewer or shadow): upcoming first, with candidate name, position, times, pillars, my scorecard status. */
  @Allow('interviewer')
  @Get('me/assignments')
  assignments(@CurrentActor() actor: Actor, @Query() query: ListAssignmentsQueryDto): Promise<AssignmentPageDto> {
    return this.kits.assignments(actor, query);
  }

  /** The interview kit of a round: its pillars and planned questions at their pinned versions; for its interviewer, shadows and staff. */
  @Get('rounds/:roundId/kit')
  kit(@CurrentActor() actor: Actor, @IdParam('roundId') roundId: string): Promise<InterviewKitDto> {
    return this.kits.kit(actor, roundId);
  }
}

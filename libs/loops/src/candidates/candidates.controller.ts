import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { CandidateConflictDto, CandidateDto, CandidatePageDto } from './candidate.dto.js';
import { CandidatesService } from './candidates.service.js';
import { CreateCandidateDto, DeclareConflictDto, ListCandidatesQueryDto, UpdateCandidateDto } from './create-candidate.dto.js';

@ApiTags('loops')
@ApiBearerAuth()
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  /** Adds a candidate; 409 `CANDIDATE_EMAIL_TAKEN` when the email is already in the organization. */
  @Allow('admin', 'recruiter', 'hiring_manager')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateCandidateDto): Promise<CandidateDto> {
    return this.candidates.create(actor, body);
  }

  /** The organization's candidates, newest first; `q` matches the start of the name or email. */
  @Allow('admin', 'recruiter', 'hiring_manager')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListCandidatesQueryDto): Promise<CandidatePageDto> {
    return this.candidates.list(actor, query);
  }

  @Allow('admin', 'recruiter', 'hiring_manager')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CandidateDto> {
    return this.candidates.get(actor, id);
  }

  @Allow('admin', 'recruiter', 'hiring_manager')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateCandidateDto): Promise<CandidateDto> {
    return this.candidates.update(actor, id, body);
  }

  /**
   * Declares a conflict of interest (knows the candidate, referred them): that user is no longer assigned to the
   * candidate's rounds. Anyone for themself; admins and recruiters for anyone.
   */
  @Post(':id/conflicts')
  declareConflict(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: DeclareConflictDto): Promise<CandidateConflictDto> {
    return this.candidates.declareConflict(actor, id, body);
  }

  /** The conflicts of interest declared with this candidate. */
  @Allow('admin', 'recruiter', 'hiring_manager')
  @Get(':id/conflicts')
  listConflicts(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CandidateConflictDto[]> {
    return this.candidates.listConflicts(actor, id);
  }
}

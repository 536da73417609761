import { Body, Controller, Get, Header, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { CandidateDataExportDto } from './data-export/data-export.dto.js';
import { DataExportService } from './data-export/data-export.service.js';
import { CreateErasureDto, ErasureDto } from './erasure/erasure.dto.js';
import { ErasureService } from './erasure/erasure.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('candidates')
export class PrivacyController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly dataExport: DataExportService,
  ) {}

  /**
   * Erases the candidate (GDPR Art. 17). `anonymize` (default): the name becomes "Candidate #n"; email, phone, source
   * and notes go; scorecard notes, evidence, summaries, amendment reasons, decision notes and conflict reasons become
   * "[erased]" (ratings, recommendations, decisions, times and question exposure stay); audit events about them keep
   * ids and field names, not values; export archives holding them are deleted (the export shows `expired`); rounds
   * not held are cancelled with their invites. `delete`: the candidate, their loops, rounds, scorecards, amendments,
   * decisions, question exposure and conflicts are removed. 409 `LEGAL_HOLD` while on legal hold,
   * `CANDIDATE_ANONYMIZED` when anonymized already. Answers the record of the erasure (no personal data).
   */
  @Allow('admin', 'recruiter')
  @Post(':id/erasure')
  erase(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: CreateErasureDto): Promise<ErasureDto> {
    return this.erasure.erase(actor, id, body);
  }

  /** The erasures of this candidate, newest first (the records stay after a delete). */
  @Allow('admin', 'recruiter')
  @Get(':id/erasures')
  erasures(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ErasureDto[]> {
    return this.erasure.list(actor, id);
  }

  /**
   * Every piece of personal data held about the candidate (GDPR Art. 15 and 20), as one JSON document: the candidate,
   * conflicts, loops and rounds, scorecards (drafts too) with their text and amendments, decisions, the questions
   * they saw, audit events about them, earlier erasures, and each loop's packet rendered as HTML and Markdown. 403
   * `SUBMIT_YOURS_FIRST` for a requester who interviews on one of the loops and has not submitted yet.
   */
  @Allow('admin', 'recruiter')
  @Get(':id/data-export')
  @Header('Cache-Control', 'no-store')
  dataExportOf(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CandidateDataExportDto> {
    return this.dataExport.export(actor, id);
  }
}

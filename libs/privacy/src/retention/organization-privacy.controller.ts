import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentActor, OrganizationsService, type Actor } from '@loopwright/identity';
import { PrivacySettingsDto, UpdatePrivacySettingsDto } from './privacy-settings.dto.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('organization/privacy')
export class OrganizationPrivacyController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** The organization's candidate retention. */
  @Allow('admin', 'recruiter')
  @Get()
  async get(@CurrentActor() actor: Actor): Promise<PrivacySettingsDto> {
    return { candidateRetentionDays: await this.organizations.candidateRetentionDays(actor) };
  }

  /**
   * Sets the candidate retention (admins): every night, candidates whose last loop closed more than this many days
   * ago are anonymized; recruiters are warned by mail 7 days before. `null` turns it off.
   */
  @Allow('admin')
  @Patch()
  async update(@CurrentActor() actor: Actor, @Body() body: UpdatePrivacySettingsDto): Promise<PrivacySettingsDto> {
    return { candidateRetentionDays: await this.organizations.setCandidateRetentionDays(actor, body.candidateRetentionDays) };
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import type { Actor } from '../actor.js';
import { Allow } from '../auth/allow.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { SsoService } from './sso.service.js';
import { SsoLinkApprovalDto, SsoSettingsDto, UpdateSsoSettingsDto } from './sso-settings.dto.js';

@ApiTags('single sign-on')
@ApiBearerAuth()
@Allow('admin')
@Controller()
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  /** The organization's OpenID Connect provider (404 until set); the client secret is never returned. */
  @Get('organization/sso')
  get(@CurrentActor() actor: Actor): Promise<SsoSettingsDto> {
    return this.sso.settings(actor);
  }

  /**
   * Sets the organization's OpenID Connect provider. An allowed domain already another organization's answers 409.
   * `required` refuses password sign-in except for the `breakGlassUserIds` (active admins).
   */
  @Put('organization/sso')
  update(@CurrentActor() actor: Actor, @Body() body: UpdateSsoSettingsDto): Promise<SsoSettingsDto> {
    return this.sso.update(actor, body);
  }

  /**
   * Lets this existing user's next single sign-on (within 7 days, with a verified email equal to theirs) link their
   * provider account. A provider account is never linked to a user by a matching email alone.
   */
  @Post('users/:id/sso-link')
  @HttpCode(HttpStatus.OK)
  approveLink(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<SsoLinkApprovalDto> {
    return this.sso.approveLink(actor, id);
  }
}

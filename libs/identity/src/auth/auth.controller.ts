import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam, requestIdOf } from '@loopwright/core';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.js';
import { Public } from './allow.decorator.js';
import { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './api-token.dto.js';
import { AuthService } from './auth.service.js';
import { CurrentActor } from './current-actor.decorator.js';
import { LoginDto, LoginResponseDto } from './login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Exchanges email and password for a bearer token valid 12 hours. 429 TOO_MANY_ATTEMPTS (with `Retry-After`) after
   * 10 failures in 15 minutes for that email in that organization; 429 RATE_LIMITED past the per-IP request limit.
   */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponseDto> {
    return this.auth.login(body, requestIdOf(request.raw));
  }

  /** Revokes the token this request came with. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  /** Revokes every token of yours: all sessions (this one included), your web app sessions and all personal API tokens. */
  @ApiBearerAuth()
  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  logoutAll(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logoutAll(actor);
  }

  /** Creates a personal API token for scripts; it acts as you, with your roles. The token is shown once. */
  @ApiBearerAuth()
  @Post('tokens')
  createToken(@CurrentActor() actor: Actor, @Body() body: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    return this.auth.createPersonalToken(actor, body);
  }

  /** Your personal API tokens that are not revoked (never the token itself). */
  @ApiBearerAuth()
  @Get('tokens')
  listTokens(@CurrentActor() actor: Actor): Promise<ApiTokenDto[]> {
    return this.auth.listPersonalTokens(actor);
  }

  @ApiBearerAuth()
  @Delete('tokens/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeToken(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.auth.revokePersonalToken(actor, id);
  }
}

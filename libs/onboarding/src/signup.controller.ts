import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { requestIdOf } from '@loopwright/core';
import { Public, SignupDto, SignupResponseDto } from '@loopwright/identity';
import type { FastifyRequest } from 'fastify';
import { OnboardingService } from './onboarding.service.js';

@ApiTags('auth')
@Controller('auth')
export class SignupController {
  constructor(private readonly onboarding: OnboardingService) {}

  /** Creates an organization and its first admin (only when the server allows signup). */
  @Public()
  @Post('signup')
  signup(@Body() body: SignupDto, @Req() request: FastifyRequest): Promise<SignupResponseDto> {
    return this.onboarding.signup(body, requestIdOf(request.raw));
  }
}

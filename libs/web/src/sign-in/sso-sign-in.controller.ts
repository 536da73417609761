import { Controller, Get, HttpStatus, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppConfig, AppError, requestIdOf } from '@loopwright/core';
import { Public, SsoService, webSessionTokenOf, type AuthenticatedRequest } from '@loopwright/identity';
import type {} from '@fastify/view';
import type { FastifyReply } from 'fastify';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { SSO_FORM_CSP } from '../http/page-headers.js';
import { setSessionCookie } from '../http/session-cookie.js';
import { ssoLoginView, ssoRefusedView, workEmailProblem } from './sso-login.page.js';

/**
 * Single sign-on from the browser: the work-email form (a GET form: CSP `form-action` would block a POST's redirect
 * to the provider), the redirect to the organization's provider, and the provider's callback.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@Controller()
export class SsoSignInController {
  constructor(
    private readonly sso: SsoService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login/sso')
  form(@Res() reply: FastifyReply): void {
    void reply.header('content-security-policy', SSO_FORM_CSP).view('sso-login.hbs', ssoLoginView());
  }

  /** Home-realm discovery by the email's domain, then the organization's provider. */
  @Public()
  @Get('auth/oidc/login')
  async start(@Res() reply: FastifyReply, @Query('email') email?: unknown): Promise<void> {
    const typed = typeof email === 'string' ? email.trim() : '';
    const problem = workEmailProblem(typed);
    if (problem) {
      void reply.status(HttpStatus.BAD_REQUEST).header('content-security-policy', SSO_FORM_CSP).view('sso-login.hbs', ssoLoginView({ email: typed, error: problem }));
      return;
    }
    try {
      const url = await this.sso.startSignIn(typed);
      void reply.redirect(url.href, HttpStatus.SEE_OTHER);
    } catch (error) {
      if (!isSsoRefusal(error)) throw error;
      void reply.status(error.status).header('content-security-policy', SSO_FORM_CSP).view('sso-login.hbs', ssoLoginView({ email: typed, error: error.message }));
    }
  }

  /** The provider's answer: a web session and `/app`, or a page that says in words why not (no session). */
  @Public()
  @Get('auth/oidc/callback')
  async callback(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const session = await this.sso.finishSignIn(new URL(request.url, this.config.publicUrl), requestIdOf(request.raw), webSessionTokenOf(request.headers.cookie));
      setSessionCookie(request, reply, session.token, session.expiresAt);
      void reply.redirect('/app', HttpStatus.SEE_OTHER);
    } catch (error) {
      if (!isSsoRefusal(error)) throw error;
      void reply.status(error.status).view('sso-refused.hbs', ssoRefusedView(error.message));
    }
  }
}

const isSsoRefusal = (error: unknown): error is AppError => error instanceof AppError && error.code.startsWith('SSO_');

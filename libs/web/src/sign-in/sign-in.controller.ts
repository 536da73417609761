import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppError, requestIdOf } from '@loopwright/core';
import { AuthService, BrowserSession, Public, webSessionTokenOf, type AuthenticatedRequest } from '@loopwright/identity';
import type {} from '@fastify/view';
import type { FastifyReply } from 'fastify';
import { localPath } from '../http/local-path.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie.js';
import { LoginFormDto } from './login-form.dto.js';
import { SSO_REQUIRED_MESSAGE, WRONG_LOGIN, lockedOutMessage, loginView } from './login.page.js';

/** `GET /`, the login form and its post, and sign-out: the only pages a signed-out person reaches. */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@Controller()
export class SignInController {
  constructor(private readonly auth: AuthService) {}

  @BrowserSession({ optional: true })
  @Get()
  root(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): void {
    void reply.redirect(request.actor ? '/app' : '/login', HttpStatus.SEE_OTHER);
  }

  @BrowserSession({ optional: true })
  @Get('login')
  loginForm(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Query('next') next?: unknown): void {
    const target = localPath(next);
    if (request.actor) {
      void reply.redirect(target ?? '/app', HttpStatus.SEE_OTHER);
      return;
    }
    void reply.view('login.hbs', loginView({ next: target }));
  }

  /** The API's login rules (lockout, the per-IP limit of a public route, one answer for any mismatch), as a form. */
  @Public()
  @Post('login')
  async login(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply, @Body() form: LoginFormDto): Promise<void> {
    const next = localPath(form.next);
    try {
      const session = await this.auth.startWebSession(
        { email: form.email.trim(), password: form.password },
        requestIdOf(request.raw),
        webSessionTokenOf(request.headers.cookie),
      );
      setSessionCookie(request, reply, session.token, session.expiresAt);
      void reply.redirect(next ?? '/app', HttpStatus.SEE_OTHER);
    } catch (error) {
      if (!(error instanceof AppError) || !['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'SSO_REQUIRED'].includes(error.code)) throw error;
      const retryAfter = error.details?.retryAfterSeconds;
      const message =
        error.code === 'SSO_REQUIRED'
          ? SSO_REQUIRED_MESSAGE
          : error.code === 'TOO_MANY_ATTEMPTS' && typeof retryAfter === 'number'
            ? lockedOutMessage(retryAfter)
            : WRONG_LOGIN;
      if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
      void reply.status(error.status).view('login.hbs', loginView({ email: form.email, next, error: message }));
    }
  }

  /** Ends the session (its id stops working everywhere) and forgets the cookie; a stale cookie just goes to the login page. */
  @BrowserSession({ optional: true })
  @Post('logout')
  async logout(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    if (request.actor) await this.auth.logout(request.actor);
    clearSessionCookie(request, reply);
    void reply.redirect('/login', HttpStatus.SEE_OTHER);
  }
}

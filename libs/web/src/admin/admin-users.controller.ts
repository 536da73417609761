import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdParam, type AppError } from '@loopwright/core';
import { Allow, BrowserSession, CreateUserDto, CurrentActor, ListUsersQueryDto, UpdateUserDto, UsersService, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { answerForm } from '../http/form-answer.js';
import { formFields, validatedInput } from '../http/form-input.js';
import { PageExceptionFilter } from '../http/page-exception.filter.js';
import { renderPage } from '../http/render-page.js';
import { filled, formProblems, postedRoles, wholeNumberOr } from './admin-form.js';
import { UsersPages, type NewUserValues, type UserDetailState } from './users.page.js';

const USERS = '/app/admin/users';
const userPath = (id: string): string => `${USERS}/${id}`;

const LABELS = { email: 'Email', name: 'Name', roles: 'Roles', password: 'Password', weeklyInterviewLimit: 'Weekly interview limit' };

const NOTICES: Record<string, string> = {
  created: 'The user was created.',
  saved: 'The changes were saved.',
  password: 'The new password was set; the user was signed out everywhere.',
  deactivated: 'The user was deactivated: they can no longer sign in, and their sessions and tokens stopped working.',
  reactivated: 'The user was reactivated.',
};

/** A text field's value ('' when the form did not send it). */
const text = (fields: ReadonlyMap<string, string>, name: string): string => fields.get(name) ?? '';

/**
 * The users pages (admins, as `POST/GET/PATCH /api/users`): list, create, and per user a form for name, roles and
 * weekly limit, one to set a new password, and one to deactivate or reactivate. Each is UsersService's rule.
 */
@ApiExcludeController()
@UseFilters(PageExceptionFilter)
@BrowserSession()
@Allow('admin')
@Controller('app/admin/users')
export class AdminUsersController {
  constructor(
    private readonly pages: UsersPages,
    private readonly users: UsersService,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    // An empty select or search field means no filter.
    const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
    const view = await this.pages.list(actor, USERS, await validatedInput(ListUsersQueryDto, { limit: '50', ...given }));
    await renderPage(reply, HttpStatus.OK, 'admin-users.hbs', view);
  }

  @Get('new')
  async newUser(@CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    await renderPage(reply, HttpStatus.OK, 'admin-user-new.hbs', await this.pages.create(actor, `${USERS}/new`));
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const values: NewUserValues = {
      email: text(fields, 'email'),
      name: text(fields, 'name'),
      roles: postedRoles(fields),
      weeklyInterviewLimit: text(fields, 'weeklyInterviewLimit').trim(),
    };
    const password = filled(fields, 'password');
    const created = async (): Promise<string> => {
      const input = await validatedInput(CreateUserDto, {
        email: values.email,
        name: values.name,
        roles: values.roles,
        ...(password ? { password: fields.get('password') } : {}),
        ...(values.weeklyInterviewLimit ? { weeklyInterviewLimit: wholeNumberOr(values.weeklyInterviewLimit) } : {}),
      });
      return `${userPath((await this.users.create(actor, input)).id)}?notice=created`;
    };
    await answerForm(reply, created, async (error) => {
      const problems = formProblems(error, LABELS, { EMAIL_TAKEN: 'email' });
      await renderPage(reply, error.status, 'admin-user-new.hbs', await this.pages.create(actor, `${USERS}/new`, values, problems));
    });
  }

  @Get(':id')
  async detail(@CurrentActor() actor: Actor, @IdParam() id: string, @Query('notice') notice: unknown, @Res() reply: FastifyReply): Promise<void> {
    const known = typeof notice === 'string' ? NOTICES[notice] : undefined;
    await renderPage(reply, HttpStatus.OK, 'admin-user.hbs', await this.pages.detail(actor, id, userPath(id), known ? { notice: known } : {}));
  }

  /** Name, roles and weekly interview limit (an empty limit: no limit). */
  @Post(':id')
  async update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(body);
    const values = { name: text(fields, 'name'), roles: postedRoles(fields), weeklyInterviewLimit: text(fields, 'weeklyInterviewLimit').trim() };
    const input = {
      name: values.name,
      roles: values.roles,
      weeklyInterviewLimit: values.weeklyInterviewLimit ? wholeNumberOr(values.weeklyInterviewLimit) : null,
    };
    await this.updateUser(reply, actor, id, input, 'saved', (error) => ({ details: { values, problems: formProblems(error, LABELS) } }));
  }

  /** Sets a new password, as `PATCH /api/users/:id {password}`: the policy's reasons when it is too weak. */
  @Post(':id/password')
  async password(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const password = formFields(body).get('password') ?? '';
    await this.updateUser(reply, actor, id, { password }, 'password', (error) => ({ password: formProblems(error, { password: 'New password' }) }));
  }

  /** Deactivates (`active=false`: their sessions and tokens end) or reactivates the user. */
  @Post(':id/active')
  async active(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const posted = formFields(body).get('active');
    const active = posted === 'true' ? true : posted === 'false' ? false : posted;
    await this.updateUser(reply, actor, id, { active }, posted === 'true' ? 'reactivated' : 'deactivated', (error) => ({ status: formProblems(error, {}) }));
  }

  /** One of the user page's forms, as `PATCH /api/users/:id`: 303 to the page with `notice`, or the page again with the refusal on that form. */
  private async updateUser(
    reply: FastifyReply,
    actor: Actor,
    id: string,
    input: Record<string, unknown>,
    notice: string,
    refusedState: (error: AppError) => UserDetailState,
  ): Promise<void> {
    const updated = async (): Promise<string> => {
      await this.users.update(actor, id, await validatedInput(UpdateUserDto, input));
      return `${userPath(id)}?notice=${notice}`;
    };
    await answerForm(reply, updated, async (error) =>
      renderPage(reply, error.status, 'admin-user.hbs', await this.pages.detail(actor, id, userPath(id), refusedState(error))),
    );
  }
}

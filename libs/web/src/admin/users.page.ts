import { Injectable } from '@nestjs/common';
import { ROLES, UsersService, type Actor, type ListUsersQueryDto } from '@loopwright/identity';
import { PillarsService } from '@loopwright/question-bank';
import { shellFor } from '../shell/shell.js';
import { LIMIT_HINT, PASSWORD_HINT, rolesField, rolesText, textField } from './admin-fields.js';
import type { AdminFormProblems } from './admin-form.js';
import { ROLE_LABELS, type AdminUsersView, type NewUserView, type UserDetailView } from './admin.view.js';

/** What the new-user form held when it was posted. */
export interface NewUserValues {
  email: string;
  name: string;
  roles: string[];
  weeklyInterviewLimit: string;
}

/** The user page's forms after a refused post: what was posted and what is wrong, per form. */
export interface UserDetailState {
  notice?: string;
  details?: { values: { name: string; roles: string[]; weeklyInterviewLimit: string }; problems: AdminFormProblems };
  password?: AdminFormProblems;
  status?: AdminFormProblems;
}

const NO_PROBLEMS: AdminFormProblems = { fieldErrors: {}, problem: null };

const LEVEL_LABELS: Record<string, string> = { qualified: 'Qualified', shadow: 'Shadow' };

/** The users pages, from UsersService as `GET /api/users` and `GET /api/users/:id` answer an admin. */
@Injectable()
export class UsersPages {
  constructor(
    private readonly users: UsersService,
    private readonly pillars: PillarsService,
  ) {}

  async list(actor: Actor, path: string, query: ListUsersQueryDto): Promise<AdminUsersView> {
    const [me, page] = await Promise.all([this.users.me(actor), this.users.list(actor, query)]);
    const status = query.active === undefined ? '' : String(query.active);
    const filters = new URLSearchParams({
      ...(query.q ? { q: query.q } : {}),
      ...(query.role ? { role: query.role } : {}),
      ...(status ? { active: status } : {}),
    });
    return {
      title: 'Users',
      shell: shellFor(actor, path, me.name),
      filters: {
        q: query.q ?? '',
        roles: [{ value: '', label: 'Any role' }, ...ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))].map((option) => ({
          ...option,
          selected: option.value === (query.role ?? ''),
        })),
        statuses: [
          { value: '', label: 'Active and deactivated' },
          { value: 'true', label: 'Active' },
          { value: 'false', label: 'Deactivated' },
        ].map((option) => ({ ...option, selected: option.value === status })),
        any: filters.size > 0,
      },
      users: page.items.map((user) => ({
        id: user.id,
        name: user.name,
        email: user.email,
        roles: rolesText(user.roles),
        active: user.active,
        limit: user.weeklyInterviewLimit === null ? 'No limit' : `${user.weeklyInterviewLimit} a week`,
      })),
      nextHref: page.nextCursor ? `/app/admin/users?${new URLSearchParams([...filters, ['cursor', page.nextCursor]]).toString()}` : null,
    };
  }

  async create(
    actor: Actor,
    path: string,
    values: NewUserValues = { email: '', name: '', roles: ['interviewer'], weeklyInterviewLimit: '' },
    problems: AdminFormProblems = NO_PROBLEMS,
  ): Promise<NewUserView> {
    const me = await this.users.me(actor);
    const errors = problems.fieldErrors;
    return {
      title: 'New user',
      shell: shellFor(actor, path, me.name),
      email: textField('new-user', { name: 'email', label: 'Email', type: 'email', autocomplete: 'off', required: true }, values.email, errors),
      name: textField('new-user', { name: 'name', label: 'Name', type: 'text', required: true }, values.name, errors),
      roles: rolesField('new-user', values.roles, errors.roles),
      password: textField(
        'new-user',
        { name: 'password', label: 'Password (optional)', type: 'password', autocomplete: 'new-password', hint: `${PASSWORD_HINT} Without one, the user signs in with API tokens only.` },
        '',
        errors,
      ),
      limit: textField('new-user', { name: 'weeklyInterviewLimit', label: 'Weekly interview limit', type: 'number', hint: LIMIT_HINT }, values.weeklyInterviewLimit, errors),
      problem: problems.problem,
    };
  }

  async detail(actor: Actor, userId: string, path: string, state: UserDetailState = {}): Promise<UserDetailView> {
    const [me, user, pillars] = await Promise.all([this.users.me(actor), this.users.get(actor, userId), this.pillars.list(actor)]);
    const values = state.details?.values ?? {
      name: user.name,
      roles: user.roles,
      weeklyInterviewLimit: user.weeklyInterviewLimit === null ? '' : String(user.weeklyInterviewLimit),
    };
    const errors = state.details?.problems.fieldErrors ?? {};
    const password = state.password ?? NO_PROBLEMS;
    return {
      title: user.name,
      shell: shellFor(actor, path, me.name),
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        active: user.active,
        // In the pillars' order, as the grid shows them.
        qualifications: pillars.flatMap((pillar) => {
          const held = user.qualifications.find((item) => item.pillarId === pillar.id);
          return held ? [{ pillar: pillar.name, level: LEVEL_LABELS[held.level] ?? held.level }] : [];
        }),
      },
      name: textField('user', { name: 'name', label: 'Name', type: 'text', required: true }, values.name, errors),
      roles: rolesField('user', values.roles, errors.roles),
      limit: textField('user', { name: 'weeklyInterviewLimit', label: 'Weekly interview limit', type: 'number', hint: LIMIT_HINT }, values.weeklyInterviewLimit, errors),
      detailsProblem: state.details?.problems.problem ?? null,
      password: textField('reset', { name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hint: `${PASSWORD_HINT} It signs the user out everywhere.`, required: true }, '', password.fieldErrors),
      passwordProblem: password.problem,
      statusProblem: state.status?.problem ?? null,
      notice: state.notice ?? null,
    };
  }
}

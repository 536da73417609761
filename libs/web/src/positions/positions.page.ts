import { Injectable } from '@nestjs/common';
import type { AppError } from '@loopwright/core';
import { hasRole, ListUsersQueryDto, UsersService, type Actor } from '@loopwright/identity';
import {
  canChangePosition,
  ListLoopsQueryDto,
  LoopsService,
  POSITION_STATUSES,
  PositionsService,
  ROLE_FAMILIES,
  type ListPositionsQueryDto,
  type PositionDto,
} from '@loopwright/loops';
import { forbidden } from '@loopwright/core';
import { formWithProblems, optionsOf } from '../people/form-fields.js';
import { loopLink } from '../people/loop-links.js';
import { editFormPage, newFormPage } from '../shell/form-page.js';
import { shellFor } from '../shell/shell.js';
import { zonedTime } from '../time/zoned-time.js';
import { POSITION_LABELS, POSITION_WORDS, POSITION_STATUS_LABELS, ROLE_FAMILY_LABELS, storedValues, type PositionField } from './position-form.js';
import type { PositionFormView, PositionListView, PositionNotice, PositionSummary, PositionView } from './positions.view.js';

const MAX_ITEMS = 200;

const NOTICES: Record<PositionNotice, string> = { created: 'Position opened.', saved: 'Changes saved.' };

const ROLE_FAMILY_OPTIONS = ROLE_FAMILIES.map((value) => ({ value, label: ROLE_FAMILY_LABELS[value] }));
const STATUS_OPTIONS = POSITION_STATUSES.map((value) => ({ value, label: POSITION_STATUS_LABELS[value] }));

export const positionPath = (id: string): string => `/app/positions/${id}`;

const summaryOf = (position: PositionDto, names: ReadonlyMap<string, string>): PositionSummary => ({
  title: position.title,
  roleFamily: ROLE_FAMILY_LABELS[position.roleFamily],
  level: position.level,
  hiringManager: names.get(position.hiringManagerId) ?? 'A former user',
  status: position.status,
  statusLabel: POSITION_STATUS_LABELS[position.status],
});

type Posted = { values: Partial<Record<PositionField, string>>; error: AppError };

/**
 * The position pages, on PositionsService, LoopsService and UsersService as `GET /api/positions(/:id)`,
 * `GET /api/loops?positionId=` and `GET /api/users?role=hiring_manager` answer them.
 */
@Injectable()
export class PositionsPage {
  constructor(
    private readonly positions: PositionsService,
    private readonly loops: LoopsService,
    private readonly users: UsersService,
  ) {}

  async list(actor: Actor, path: string, query: ListPositionsQueryDto): Promise<PositionListView> {
    const [me, page] = await Promise.all([this.users.me(actor), this.positions.list(actor, query)]);
    const names = await this.users.namesByIds(actor.organizationId, [...new Set(page.items.map((position) => position.hiringManagerId))]);
    const more = new URLSearchParams({ ...(query.status ? { status: query.status } : {}), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) });
    return {
      title: 'Positions',
      shell: shellFor(actor, path, me.name),
      statuses: optionsOf(STATUS_OPTIONS, query.status ?? ''),
      positions: page.items.map((position) => ({ href: positionPath(position.id), ...summaryOf(position, names) })),
      moreHref: page.nextCursor ? `/app/positions?${more.toString()}` : null,
      mayCreate: hasRole(actor, 'admin', 'hiring_manager'),
    };
  }

  async createForm(actor: Actor, path: string, posted?: Posted): Promise<PositionFormView> {
    const [me, managers] = await Promise.all([this.users.me(actor), this.hiringManagers(actor)]);
    const values = posted?.values ?? { roleFamily: 'ai_engineer', hiringManagerId: hasRole(actor, 'hiring_manager') ? me.id : '' };
    return {
      ...newFormPage(shellFor(actor, path, me.name), 'New position', '/app/positions', 'Open position'),
      editing: false,
      ...this.form(values, posted?.error ?? null, managers),
    };
  }

  /** The edit form, for whoever may change the position (403 for others, as `PATCH /api/positions/:id`). */
  async editForm(actor: Actor, id: string, path: string, posted?: Posted): Promise<PositionFormView> {
    const [me, position, managers] = await Promise.all([this.users.me(actor), this.positions.get(actor, id), this.hiringManagers(actor)]);
    if (!canChangePosition(actor, position.hiringManagerId)) throw forbidden('Only the hiring manager of this position or an admin may change it');
    if (!managers.some((manager) => manager.value === position.hiringManagerId)) {
      const names = await this.users.namesByIds(actor.organizationId, [position.hiringManagerId]);
      managers.unshift({ value: position.hiringManagerId, label: `${names.get(position.hiringManagerId) ?? 'A former user'} (no longer a hiring manager)` });
    }
    return {
      ...editFormPage(shellFor(actor, path, me.name), position.title, positionPath(id)),
      editing: true,
      ...this.form(posted?.values ?? storedValues(position), posted?.error ?? null, managers),
    };
  }

  async view(actor: Actor, id: string, path: string, notice?: PositionNotice): Promise<PositionView> {
    const position: PositionDto = await this.positions.get(actor, id);
    const [me, loops, names] = await Promise.all([
      this.users.me(actor),
      this.loops.list(actor, Object.assign(new ListLoopsQueryDto(), { positionId: id, limit: MAX_ITEMS })),
      this.users.namesByIds(actor.organizationId, [position.hiringManagerId]),
    ]);
    return {
      title: position.title,
      shell: shellFor(actor, path, me.name),
      timeZone: me.timezone,
      notice: notice ? NOTICES[notice] : null,
      position: { ...summaryOf(position, names), opened: zonedTime(position.createdAt, me.timezone) },
      editHref: canChangePosition(actor, position.hiringManagerId) ? `${positionPath(id)}/edit` : null,
      exportHref: hasRole(actor, 'admin', 'recruiter') ? `/app/exports?positionId=${id}` : null,
      newLoopHref: `/app/loops/new?positionId=${id}`,
      loops: loops.items.map((loop) => loopLink(loop, me.timezone)),
    };
  }

  private form(
    values: Partial<Record<PositionField, string>>,
    error: AppError | null,
    managers: { value: string; label: string }[],
  ): Pick<PositionFormView, 'form' | 'roleFamilies' | 'hiringManagers' | 'statuses'> {
    return {
      form: formWithProblems(POSITION_LABELS, values, error, POSITION_WORDS),
      roleFamilies: optionsOf(ROLE_FAMILY_OPTIONS, values.roleFamily ?? ''),
      hiringManagers: optionsOf(managers, values.hiringManagerId ?? ''),
      statuses: optionsOf(STATUS_OPTIONS, values.status ?? ''),
    };
  }

  /** The active hiring managers a position can be given to. */
  private async hiringManagers(actor: Actor): Promise<{ value: string; label: string }[]> {
    const page = await this.users.list(actor, Object.assign(new ListUsersQueryDto(), { role: 'hiring_manager', active: true, limit: MAX_ITEMS }));
    return page.items.map((user) => ({ value: user.id, label: user.name }));
  }
}

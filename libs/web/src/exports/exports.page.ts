import { Injectable } from '@nestjs/common';
import type { AppError } from '@loopwright/core';
import { hasRole, UsersService, type Actor } from '@loopwright/identity';
import { ListLoopsQueryDto, ListPositionsQueryDto, LoopsService, PositionsService } from '@loopwright/loops';
import { PacketExportsService, type ExportStatus, type PacketExportDto } from '@loopwright/packets';
import { formWithProblems, optionsOf } from '../people/form-fields.js';
import { loopStatusLabel } from '../people/loop-links.js';
import { shellFor } from '../shell/shell.js';
import { zonedTime } from '../time/zoned-time.js';
import { EXPORT_LABELS, EXPORT_WORDS, FORMAT_LABELS, FORMAT_OPTIONS, LOOP_FIELD_PREFIX, type PostedExport } from './export-form.js';
import type { ExportItemView, ExportsView, ExportView, LoopChoiceView } from './exports.view.js';

/** Exports listed, positions and loops offered: the latest of each. */
const MAX_EXPORTS = 50;
const MAX_POSITIONS = 200;
const MAX_LOOPS = 100;

const STATUS_LABELS: Record<ExportStatus, string> = {
  queued: 'Waiting for the worker',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  expired: 'Expired: the archive was removed',
};

/** The blind rule's refusal, naming the loops it is about (`details.loopIds`) as the form lists them. */
function blindRuleWords(error: AppError, choices: LoopChoiceView[]): string {
  const hidden = Array.isArray(error.details?.loopIds) ? (error.details.loopIds as string[]) : [];
  const names = choices.filter((choice) => hidden.includes(choice.id)).map((choice) => choice.label);
  return names.length > 0 ? `${error.message}: ${names.join('; ')}` : error.message;
}

export const exportPath = (id: string): string => `/app/exports/${id}`;

/**
 * The exports page, on PacketExportsService (as `POST /api/exports` and `GET /api/exports/:id`: one's own exports,
 * an admin's everyone's), with the positions and loops to choose from (`GET /api/positions`, `GET /api/loops`).
 */
@Injectable()
export class ExportsPage {
  constructor(
    private readonly exports: PacketExportsService,
    private readonly positions: PositionsService,
    private readonly loops: LoopsService,
    private readonly users: UsersService,
  ) {}

  async view(
    actor: Actor,
    path: string,
    state: { notice?: string; positionId?: string; posted?: PostedExport; error?: AppError } = {},
  ): Promise<ExportsView> {
    const [me, exports, positions, loops] = await Promise.all([
      this.users.me(actor),
      this.exports.list(actor, MAX_EXPORTS),
      this.positions.list(actor, Object.assign(new ListPositionsQueryDto(), { limit: MAX_POSITIONS })),
      this.loops.list(actor, Object.assign(new ListLoopsQueryDto(), { limit: MAX_LOOPS })),
    ]);
    const titles = new Map(positions.items.map((position) => [position.id, position.title]));
    const items = await this.items(actor, exports, titles, me.timezone);
    const posted = state.posted;
    const ticked = new Set(posted?.loopIds ?? []);
    const values = { positionId: posted?.positionId ?? state.positionId ?? '', format: posted?.format ?? 'pdf' };
    const choices: LoopChoiceView[] = loops.items.map((loop) => ({
      name: `${LOOP_FIELD_PREFIX}${loop.id}`,
      id: loop.id,
      label: `${loop.candidate.name} · ${loop.position.title} · ${loopStatusLabel(loop.status)}`,
      checked: ticked.has(loop.id),
    }));
    const form = formWithProblems(EXPORT_LABELS, values, state.error ?? null, EXPORT_WORDS);
    if (state.error?.code === 'SUBMIT_YOURS_FIRST') form.fields.loopIds.error = blindRuleWords(state.error, choices);
    return {
      title: 'Exports',
      shell: shellFor(actor, path, me.name),
      timeZone: me.timezone,
      notice: state.notice ?? null,
      form,
      positions: optionsOf(
        positions.items.map((position) => ({ value: position.id, label: position.title })),
        values.positionId,
      ),
      formats: optionsOf(FORMAT_OPTIONS, values.format),
      loops: choices,
      redactInterviewers: posted?.redactInterviewers ?? false,
      includeShadows: posted?.includeShadows ?? false,
      listHeading: hasRole(actor, 'admin') ? 'All exports' : 'Your exports',
      exports: items,
    };
  }

  /** One export (its requester and admins, as `GET /api/exports/:id`); what the list's progress bar polls. */
  async one(actor: Actor, id: string, path: string): Promise<ExportView> {
    const [me, item] = await Promise.all([this.users.me(actor), this.exports.get(actor, id)]);
    const position = item.positionId ? await this.positions.get(actor, item.positionId) : null;
    const titles = new Map(position ? [[position.id, position.title]] : []);
    const [view] = await this.items(actor, [item], titles, me.timezone);
    return { title: `Export: ${view!.subject}`, shell: shellFor(actor, path, me.name), timeZone: me.timezone, item: view! };
  }

  private async items(actor: Actor, exports: PacketExportDto[], titles: Map<string, string>, timeZone: string): Promise<ExportItemView[]> {
    const others = exports.filter((item) => item.requestedBy !== actor.userId).map((item) => item.requestedBy);
    const names = others.length > 0 ? await this.users.namesByIds(actor.organizationId, [...new Set(others)]) : new Map<string, string>();
    return exports.map((item) => ({
      id: item.id,
      href: exportPath(item.id),
      subject: item.positionId
        ? (titles.get(item.positionId) ?? 'A position')
        : `${item.total} selected loop${item.total === 1 ? '' : 's'}`,
      formatLabel: FORMAT_LABELS[item.format],
      requested: zonedTime(item.createdAt, timeZone),
      requester: item.requestedBy === actor.userId ? null : (names.get(item.requestedBy) ?? 'A former user'),
      status: item.status,
      statusLabel: STATUS_LABELS[item.status],
      percent: Math.round(item.progress * 100),
      packetsText: `${item.done} of ${item.total} packet${item.total === 1 ? '' : 's'}`,
      polling: item.status === 'queued' || item.status === 'running',
      downloadHref: item.status === 'done' ? `${exportPath(item.id)}/download` : null,
      error: item.status === 'failed' ? (item.error ?? 'The export failed without saying why') : null,
    }));
  }
}

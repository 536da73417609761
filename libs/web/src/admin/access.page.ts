import { Injectable } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { ACCESS_KINDS, AccessLog, ListUsersQueryDto, UsersService, type AccessKind, type Actor, type ListAccessEventsQueryDto } from '@loopwright/identity';
import { CandidatesService, ListCandidatesQueryDto } from '@loopwright/loops';
import { shellFor } from '../shell/shell.js';
import { zonedTime } from '../time/zoned-time.js';
import type { AccessRowView, AccessView } from './access.view.js';
import type { FilterOption } from './admin.view.js';

export const ACCESS_PATH = '/app/admin/access';
export const ACCESS_PAGE_LIMIT = 50;
/** The filters' choices: the most recent candidates and the users (the API filters by any id). */
const CHOICES = 200;

const KIND_LABELS: Record<AccessKind, string> = {
  packet: 'Packet',
  candidate: 'Candidate details',
  scorecards: 'Scorecards',
  summary: 'Debrief summary (API)',
  debrief: 'Debrief page',
  export: 'Export download',
};

const options = (choices: [string, string][], anyLabel: string, selected: string): FilterOption[] =>
  [['', anyLabel] as [string, string], ...choices].map(([value, label]) => ({ value, label, selected: value === selected }));

/** The access log page, from `AccessLog.list` (admins, the organization's reads only), with names for the ids. */
@Injectable()
export class AccessPages {
  constructor(
    private readonly users: UsersService,
    private readonly access: AccessLog,
    private readonly candidates: CandidatesService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, query: ListAccessEventsQueryDto): Promise<AccessView> {
    const [me, page, people, recent] = await Promise.all([
      this.users.me(actor),
      this.access.list(actor, query),
      this.users.list(actor, Object.assign(new ListUsersQueryDto(), { limit: CHOICES })),
      this.candidates.list(actor, Object.assign(new ListCandidatesQueryDto(), { limit: CHOICES })),
    ]);
    const candidateIds = page.items.flatMap((event) => (event.candidateId ? [event.candidateId] : []));
    if (query.candidateId) candidateIds.push(query.candidateId);
    const [candidateNames, readerNames] = await Promise.all([
      this.candidates.namesByIds(actor.organizationId, candidateIds),
      this.users.namesByIds(actor.organizationId, page.items.flatMap((event) => (event.actorId ? [event.actorId] : []))),
    ]);
    const candidateChoices = new Map(recent.items.map((candidate) => [candidate.id, candidate.name]));
    if (query.candidateId && !candidateChoices.has(query.candidateId)) candidateChoices.set(query.candidateId, candidateNames.get(query.candidateId) ?? 'Erased candidate');
    const candidateLink = (id: string) => ({ text: candidateNames.get(id) ?? 'Erased candidate', href: candidateNames.has(id) ? `/app/candidates/${id}` : null });
    const events: AccessRowView[] = page.items.map((event) => ({
      at: zonedTime(new Date(event.at), me.timezone),
      reader: event.actorId ? (readerNames.get(event.actorId) ?? 'Former user') : 'Loopwright',
      kindLabel: KIND_LABELS[event.kind],
      subject:
        event.entityType === 'loop'
          ? { text: 'Loop', href: `/app/loops/${event.entityId}/debrief` }
          : event.entityType === 'position'
            ? { text: 'Position', href: `/app/positions/${event.entityId}` }
            : event.entityType === 'export'
              ? { text: 'Export', href: null }
              : { text: 'Candidate', href: null },
      candidate: event.candidateId ? candidateLink(event.candidateId) : null,
      format: event.format,
    }));
    const filter: [string, string][] = [
      ...(['candidateId', 'actorId', 'kind'] as const).flatMap((name) => (query[name] ? [[name, query[name]] as [string, string]] : [])),
      ...(query.limit === ACCESS_PAGE_LIMIT ? [] : [['limit', String(query.limit)] as [string, string]]),
    ];
    return {
      title: 'Access log',
      shell: shellFor(actor, ACCESS_PATH, me.name),
      timeZone: me.timezone,
      retentionDays: this.config.accessEventsRetentionDays,
      candidates: options([...candidateChoices], 'Any candidate', query.candidateId ?? ''),
      readers: options(people.items.map((person) => [person.id, person.name]), 'Anyone', query.actorId ?? ''),
      kinds: options(ACCESS_KINDS.map((kind) => [kind, KIND_LABELS[kind]]), 'Any kind', query.kind ?? ''),
      filtered: filter.some(([name]) => name !== 'limit'),
      events,
      nextHref: page.nextCursor ? `${ACCESS_PATH}?${new URLSearchParams([...filter, ['cursor', page.nextCursor]]).toString()}` : null,
    };
  }
}

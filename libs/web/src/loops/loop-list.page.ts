import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { LOOP_STATUSES, ListLoopsQueryDto, ListPositionsQueryDto, LoopsService, PositionsService, type LoopStatus } from '@loopwright/loops';
import { validatedInput } from '../http/form-input.js';
import { shellFor, type PageView } from '../shell/shell.js';
import { zonedTime, type ZonedTime } from '../time/zoned-time.js';
import { LOOP_STATUS_LABELS, loopPath, plural } from './loop-words.js';

export interface LoopListItem {
  href: string;
  candidateName: string;
  positionTitle: string;
  statusLabel: string;
  roundsText: string;
  /** The next round's start in the viewer's zone; null when none is coming. */
  nextRound: ZonedTime | null;
}

export interface FilterOption {
  value: string;
  label: string;
  selected: boolean;
}

export interface LoopListView extends PageView {
  timeZone: string;
  positions: FilterOption[];
  statuses: FilterOption[];
  loops: LoopListItem[];
  filtered: boolean;
  /** The link to the next page of loops (same filters), null on the last. */
  nextPageHref: string | null;
}

/** The list's filters as the GET form sends them: an empty choice means "any". */
export interface LoopListFilters {
  positionId?: unknown;
  status?: unknown;
  cursor?: unknown;
}

const PAGE_SIZE = 50;
const POSITION_CHOICES = 200;

const given = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** `GET /app/loops`: the organization's loops as `GET /api/loops` lists them, with when each one's next round starts. */
@Injectable()
export class LoopListPage {
  constructor(
    private readonly users: UsersService,
    private readonly loops: LoopsService,
    private readonly positions: PositionsService,
  ) {}

  async view(actor: Actor, path: string, filters: LoopListFilters): Promise<LoopListView> {
    const plain: Record<string, unknown> = { limit: String(PAGE_SIZE) };
    for (const key of ['positionId', 'status', 'cursor'] as const) if (given(filters[key])) plain[key] = filters[key];
    const query = await validatedInput(ListLoopsQueryDto, plain);
    const [me, page, positions] = await Promise.all([
      this.users.me(actor),
      this.loops.list(actor, query),
      this.positions.list(actor, Object.assign(new ListPositionsQueryDto(), { limit: POSITION_CHOICES })),
    ]);
    const next = await this.loops.nextRoundStarts(
      actor.organizationId,
      page.items.map((loop) => loop.id),
    );
    const nextPage = new URLSearchParams({
      ...(query.positionId ? { positionId: query.positionId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
    });
    return {
      title: 'Loops',
      shell: shellFor(actor, path, me.name),
      timeZone: me.timezone,
      positions: positions.items.map((position) => ({ value: position.id, label: position.title, selected: position.id === query.positionId })),
      statuses: LOOP_STATUSES.map((status: LoopStatus) => ({ value: status, label: LOOP_STATUS_LABELS[status], selected: status === query.status })),
      loops: page.items.map((loop) => {
        const startsAt = next.get(loop.id);
        return {
          href: loopPath(loop.id),
          candidateName: loop.candidate.name,
          positionTitle: loop.position.title,
          statusLabel: LOOP_STATUS_LABELS[loop.status],
          roundsText: plural(loop.roundCount, 'round'),
          nextRound: startsAt ? zonedTime(startsAt, me.timezone) : null,
        };
      }),
      filtered: Boolean(query.positionId || query.status),
      nextPageHref: page.nextCursor ? `/app/loops?${nextPage.toString()}` : null,
    };
  }
}

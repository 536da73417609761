import { Injectable } from '@nestjs/common';
import { AppError, Clock } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import { canChangeLoopsOf, LoopsService, type LoopDto } from '@loopwright/loops';
import { RemindNow } from '@loopwright/notifications';
import { mayReadPackets } from '@loopwright/packets';
import { DebriefService, mayDecide, type Debrief } from '@loopwright/scorecards';
import { shellFor } from '../shell/shell.js';
import { buildDebriefView, type DebriefPageState, type DebriefView } from './debrief.view.js';

/**
 * `GET /app/loops/:id/debrief`: the summary of `GET /api/loops/:id/summary` with the scorecards it is made of, from
 * DebriefService (its access and blind rule); while the blind rule holds (403 SUBMIT_YOURS_FIRST), the loop as
 * `GET /api/loops/:id` gives it and the rule's sentence instead. Statements do not grow with the number of rounds.
 */
@Injectable()
export class DebriefPage {
  constructor(
    private readonly users: UsersService,
    private readonly loops: LoopsService,
    private readonly debriefs: DebriefService,
    private readonly remindNow: RemindNow,
    private readonly clock: Clock,
  ) {}

  async view(actor: Actor, loopId: string, path: string, state: DebriefPageState = {}): Promise<DebriefView> {
    const [me, read] = await Promise.all([this.users.me(actor), this.read(actor, loopId)]);
    const loop = read.debrief?.loop ?? read.loop!;
    const decidedById = read.debrief?.summary.decision?.decidedById ?? null;
    const decidedBy = decidedById ? ((await this.users.namesByIds(actor.organizationId, [decidedById])).get(decidedById) ?? null) : null;
    const mayRemind = canChangeLoopsOf(actor, loop.position.hiringManagerId);
    const last = read.debrief && mayRemind ? await this.remindNow.lastReminders(actor.organizationId, loop.rounds.map((round) => round.id)) : new Map();
    return buildDebriefView({
      shell: shellFor(actor, path, me.name),
      timeZone: me.timezone,
      now: this.clock.now(),
      loop,
      read: read.debrief,
      blindMessage: read.blindMessage,
      viewerId: actor.userId,
      decidedByName: decidedBy,
      mayDecide: mayDecide(actor, loop.position),
      mayReadPackets: mayReadPackets(actor, loop.position),
      reminders: { mayRemind, last },
      state,
    });
  }

  /** The debrief, or (the blind rule refusing it) the loop and the rule's sentence. */
  private async read(actor: Actor, loopId: string): Promise<{ debrief: Debrief | null; loop?: LoopDto; blindMessage: string | null }> {
    try {
      return { debrief: await this.debriefs.debrief(actor, loopId, false), blindMessage: null };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'SUBMIT_YOURS_FIRST') throw error;
      return { debrief: null, loop: await this.loops.get(actor, loopId), blindMessage: error.message };
    }
  }
}

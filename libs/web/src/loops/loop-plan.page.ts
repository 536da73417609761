import { Injectable } from '@nestjs/common';
import { AppError } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import { isClosed, LoopsService, RoundsService, type LoopDto, type RoundOptions } from '@loopwright/loops';
import { PillarsService } from '@loopwright/question-bank';
import { shellFor } from '../shell/shell.js';
import { buildLoopPlanView, type LoopPlanState, type LoopPlanView } from './loop-plan.view.js';

/**
 * `GET /app/loops/:id`: the loop as `GET /api/loops/:id` gives it, the pillars, and per round who may take it as the
 * rounds service offers it (`optionsForLoop`). A fixed number of statements, however many rounds.
 */
@Injectable()
export class LoopPlanPage {
  constructor(
    private readonly users: UsersService,
    private readonly loops: LoopsService,
    private readonly rounds: RoundsService,
    private readonly pillars: PillarsService,
  ) {}

  async view(actor: Actor, loopId: string, path: string, state: LoopPlanState = {}): Promise<LoopPlanView> {
    const [me, loop, pillars] = await Promise.all([this.users.me(actor), this.loops.get(actor, loopId), this.pillars.list(actor)]);
    const { options, readOnlyReason } = await this.optionsFor(actor, loop);
    const view = buildLoopPlanView({ shell: shellFor(actor, path, me.name), timeZone: me.timezone, loop, pillars, options, readOnlyReason, state });
    return { ...view, title: `Loop plan: ${loop.candidate.name}` };
  }

  /** The loop as the forms change it (the rounds' people and questions). */
  loop(actor: Actor, loopId: string): Promise<LoopDto> {
    return this.loops.get(actor, loopId);
  }

  /** Null (no forms) for a closed loop, and for staff the rounds service does not let change this loop (its 403 in words). */
  private async optionsFor(actor: Actor, loop: LoopDto): Promise<{ options: RoundOptions[] | null; readOnlyReason: string | null }> {
    if (isClosed(loop.status)) return { options: null, readOnlyReason: `This loop is ${loop.status}: its rounds no longer change.` };
    try {
      return { options: await this.rounds.optionsForLoop(actor, loop.id), readOnlyReason: null };
    } catch (error) {
      if (error instanceof AppError && error.code === 'FORBIDDEN') return { options: null, readOnlyReason: error.message };
      throw error;
    }
  }
}

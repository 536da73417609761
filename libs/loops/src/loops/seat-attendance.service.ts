import { Injectable } from '@nestjs/common';
import { Clock, notFound } from '@loopwright/core';
import { AuditLog, type Actor } from '@loopwright/identity';
import type { EntityManager } from 'typeorm';
import { KitsRepository, type RoundContextRow } from '../kits/kits.repository.js';
import { loopClosed, roundNotStarted, seatScorecardSubmitted } from '../loops.errors.js';
import { isClosed } from './loop-status.js';
import { LoopRound } from './loop-round.entity.js';
import { LoopsRepository } from './loops.repository.js';
import { RoundShadow } from './round-shadow.entity.js';

/** A seat whose person said they did not attend, as recorded. */
export interface NotAttendedSeat {
  round: RoundContextRow;
  userId: string;
  shadow: boolean;
  at: Date;
  /** false when it had been said before: nothing was written this time. */
  recorded: boolean;
}

/**
 * "I did not attend": the round's interviewer (or a shadow, for their own seat) says they were not there. Recorded on
 * the seat, which stops its reminders (the scan skips it) and shows on the loop plan until a new interviewer takes the
 * seat or the round goes.
 */
@Injectable()
export class SeatAttendanceService {
  constructor(
    private readonly kits: KitsRepository,
    private readonly loops: LoopsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * In the caller's transaction, under the loop's lock (the one a change of the round takes; a submit waits for it
   * too). 404 for anyone not on the round; said again, it answers what was recorded and writes nothing. Refused (409)
   * once the seat's scorecard is submitted (SCORECARD_SUBMITTED), before the round has started (ROUND_NOT_STARTED)
   * and in a closed loop (LOOP_CLOSED). Audited as `loop.round_not_attended`.
   */
  async recordNotAttended(manager: EntityManager, actor: Actor, roundId: string): Promise<NotAttendedSeat> {
    const userId = actor.userId;
    const organizationId = actor.organizationId;
    const seen = userId ? await this.kits.roundContext(organizationId, roundId, manager) : null;
    if (!userId || !seen || (seen.interviewer_id !== userId && !seen.shadows.some((seat) => seat.userId === userId))) throw notFound('Round');
    const loop = await this.loops.loopForChange(manager, organizationId, seen.loop_id, true);
    // Read again under the lock: the seat may have changed hands meanwhile.
    const round = loop ? await this.kits.roundContext(organizationId, roundId, manager) : null;
    const shadowSeat = round?.shadows.find((seat) => seat.userId === userId);
    if (!loop || !round || (round.interviewer_id !== userId && !shadowSeat)) throw notFound('Round');
    const shadow = round.interviewer_id !== userId;
    const said = shadow ? (shadowSeat?.notAttendedAt ?? null) : round.interviewer_not_attended_at;
    if (said) return { round, userId, shadow, at: new Date(said), recorded: false };
    if ((shadow ? shadowSeat?.scorecardStatus : round.scorecard_status) === 'submitted') throw seatScorecardSubmitted();
    if (isClosed(loop.status)) throw loopClosed(loop.status);
    const now = this.clock.now();
    if (!round.starts_at || round.starts_at.getTime() > now.getTime()) throw roundNotStarted(round.starts_at, now);
    if (shadow) await manager.update(RoundShadow, { organizationId, roundId, userId }, { notAttendedAt: now });
    else await manager.update(LoopRound, { organizationId, id: roundId }, { interviewerNotAttendedAt: now });
    await this.audit.record(manager, actor, {
      action: 'loop.round_not_attended',
      entityType: 'loop_round',
      entityId: roundId,
      changes: {
        loopId: { before: round.loop_id, after: round.loop_id },
        notAttended: { before: null, after: { userId, seat: shadow ? 'shadow' : 'interviewer', at: now } },
      },
    });
    return { round, userId, shadow, at: now, recorded: true };
  }
}

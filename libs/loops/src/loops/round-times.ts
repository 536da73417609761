import { validationFailed } from '@loopwright/core';
import { MAX_ROUND_MINUTES } from '../templates/loop-template.entity.js';

const MINUTE = 60_000;

export interface RoundTimesInput {
  startsAt?: string | null;
  endsAt?: string | null;
  durationMinutes?: number;
}

/**
 * The times a round gets from a change: `startsAt: null` (or `endsAt: null` alone) clears both; a start without
 * an end keeps the round's length (or its planned duration); an end needs a start. The end must come after the
 * start, at most 8 hours later (400 naming the field otherwise).
 */
export function resolveTimes(
  current: { startsAt: Date | null; endsAt: Date | null; durationMinutes: number },
  input: RoundTimesInput,
): { startsAt: Date | null; endsAt: Date | null } {
  const duration = input.durationMinutes ?? current.durationMinutes;
  let startsAt: Date | null;
  let endsAt: Date | null;
  if (input.startsAt === null) {
    if (typeof input.endsAt === 'string') throw validationFailed([{ field: 'startsAt', problems: ['startsAt is required with endsAt'] }]);
    return { startsAt: null, endsAt: null };
  } else if (typeof input.startsAt === 'string') {
    startsAt = new Date(input.startsAt);
    if (typeof input.endsAt === 'string') endsAt = new Date(input.endsAt);
    else if (input.endsAt === undefined && current.startsAt && current.endsAt && input.durationMinutes === undefined) {
      endsAt = new Date(startsAt.getTime() + (current.endsAt.getTime() - current.startsAt.getTime()));
    } else endsAt = new Date(startsAt.getTime() + duration * MINUTE);
  } else if (input.endsAt === null) {
    return { startsAt: null, endsAt: null };
  } else if (typeof input.endsAt === 'string') {
    if (!current.startsAt) throw validationFailed([{ field: 'startsAt', problems: ['startsAt is required with endsAt'] }]);
    startsAt = current.startsAt;
    endsAt = new Date(input.endsAt);
  } else {
    return { startsAt: current.startsAt, endsAt: current.endsAt };
  }
  checkSlot(startsAt, endsAt);
  return { startsAt, endsAt };
}

/** 400 naming `endsAt` unless the end comes after the start, at most 8 hours later. */
export function checkSlot(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw validationFailed([{ field: 'endsAt', problems: ['endsAt must be after startsAt'] }]);
  if (endsAt.getTime() - startsAt.getTime() > MAX_ROUND_MINUTES * MINUTE) {
    throw validationFailed([{ field: 'endsAt', problems: ['a round lasts at most 8 hours'] }]);
  }
}

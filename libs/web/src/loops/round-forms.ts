import { validationFailed } from '@loopwright/core';
import { UpdateRoundDto } from '@loopwright/loops';
import { validatedInput } from '../http/form-input.js';
import { momentOf } from '../time/zoned-input.js';
import type { ScheduleValues } from './loop-plan.view.js';

const MINUTE = 60_000;

/** One posted field that must be one of `allowed`; 400 naming it otherwise. */
export function choiceOf<T extends string>(fields: Map<string, string>, name: string, allowed: readonly T[]): T {
  const value = fields.get(name);
  const known = allowed.find((choice) => choice === value);
  if (!known) throw validationFailed([{ field: name, problems: [`${name} must be one of: ${allowed.join(', ')}`] }]);
  return known;
}

/** A posted id; 400 naming the field when it is missing. */
export function idOf(fields: Map<string, string>, name: string, missing: string): string {
  const value = fields.get(name)?.trim();
  if (!value) throw validationFailed([{ field: name, problems: [missing] }]);
  return value;
}

export const scheduleValuesOf = (fields: Map<string, string>): ScheduleValues => ({
  date: fields.get('date')?.trim() ?? '',
  start: fields.get('start')?.trim() ?? '',
  duration: fields.get('duration')?.trim() ?? '',
});

/**
 * The schedule form as a change of the round: the date and start time read in the viewer's zone (a time the clocks
 * skip is refused), the end `duration` minutes later. 400 naming the form's field (`date`, `start`, `duration`).
 */
export async function scheduleChange(values: ScheduleValues, timeZone: string): Promise<UpdateRoundDto> {
  const duration = /^\d{1,4}$/.test(values.duration) ? Number(values.duration) : NaN;
  if (!Number.isInteger(duration) || duration < 1 || duration > 480)
    throw validationFailed([{ field: 'duration', problems: ['Enter the duration in minutes, from 1 to 480'] }]);
  const read = momentOf({ date: values.date, time: values.start }, timeZone);
  if ('problem' in read) {
    if (read.problem === 'date') throw validationFailed([{ field: 'date', problems: ['Enter the date as a calendar date'] }]);
    if (read.problem === 'time') throw validationFailed([{ field: 'start', problems: ['Enter the start time as hours and minutes, e.g. 14:30'] }]);
    throw validationFailed([
      { field: 'start', problems: [`${values.start} does not exist on ${values.date} in ${timeZone}: the clocks go forward then. Choose another time`] },
    ]);
  }
  const startsAt = read.moment;
  return validatedInput(UpdateRoundDto, {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + duration * MINUTE).toISOString(),
    durationMinutes: duration,
  });
}

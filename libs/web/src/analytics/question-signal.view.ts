import type { QuestionSignalOf } from '@loopwright/scorecards';
import { zonedDate, type ZonedTime } from '../time/zoned-time.js';
import { formatOffset } from './calibration-chart.js';

type SignalFields = Pick<QuestionSignalOf, 'discrimination' | 'lowSignal' | 'possibleLeak'>;

/** A flag on a question, as text (never colour alone): the short mark, and what it means in words. */
export interface SignalMarkView {
  kind: 'leak' | 'low-signal';
  label: string;
  since: ZonedTime | null;
  explanation: string;
}

const pairs = (count: number): string => `${count} candidate${count === 1 ? '' : 's'}`;

/** A p-value as odds a hiring manager reads: "about 1 in 300", never "p = 0.0033" alone. */
export function chanceText(pValue: number): string {
  if (pValue <= 0.001) return 'less than 1 in 1,000';
  const odds = 1 / pValue;
  const rounded = odds >= 100 ? Math.round(odds / 10) * 10 : Math.round(odds);
  return `about 1 in ${rounded.toLocaleString('en-GB')}`;
}

/** The discrimination as a figure with its interval and count, e.g. `+0.42 (95%: +0.20 to +0.60; 80 candidates)`. */
export function discriminationText(discrimination: SignalFields['discrimination']): string {
  if (!discrimination) return 'Not enough data';
  const interval = discrimination.interval ? `95%: ${formatOffset(discrimination.interval.low)} to ${formatOffset(discrimination.interval.high)}; ` : '';
  return `${formatOffset(discrimination.value)} (${interval}${pairs(discrimination.count)})`;
}

/**
 * The question's flags, the leak first: a leak is acted on at once, a low signal is a reason to replace the question
 * when convenient. `threshold` is the discrimination a useful question reaches (`lowSignalThreshold`).
 */
export function signalMarks(signal: SignalFields | undefined, threshold: number, timeZone: string): SignalMarkView[] {
  if (!signal) return [];
  const marks: SignalMarkView[] = [];
  const leak = signal.possibleLeak;
  if (leak) {
    const since = zonedDate(new Date(leak.since), timeZone);
    const points = Math.abs(leak.effect).toFixed(1);
    marks.push({
      kind: 'leak',
      label: `Possible leak since ${since.text}`,
      since,
      explanation:
        `From ${since.text} on, candidates are rated ${points} points ${leak.effect >= 0 ? 'higher' : 'lower'} on this question (scale 1 to 4) ` +
        `than before, after allowing for the candidate and the interviewer. A change this large by chance alone: ${chanceText(leak.pValue)}.`,
    });
  }
  if (signal.lowSignal) {
    const high = signal.discrimination?.interval?.high;
    marks.push({
      kind: 'low-signal',
      label: 'Low signal',
      since: null,
      explanation:
        `Its ratings barely agree with how the same candidates did in their other rounds` +
        `${high === undefined ? '' : ` (at most ${formatOffset(high)}, against the ${formatOffset(threshold)} a useful question reaches)`}: it tells you little about the candidate.`,
    });
  }
  return marks;
}

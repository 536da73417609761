import { seededRandom, shuffle } from './random.js';

export interface ChangePoint {
  /** Index of the first value after the change. */
  index: number;
  /** Mean after − mean before. */
  effect: number;
  /** The largest standardized rise over the split points. */
  statistic: number;
  /** Permutation p-value of that statistic. */
  pValue: number;
}

/** The largest pooled two-sample t of "after − before" over the split points leaving `margin` values on each side. */
function maxRise(values: readonly number[], margin: number): { index: number; statistic: number; effect: number } {
  const n = values.length;
  let total = 0;
  let totalSquares = 0;
  for (const value of values) {
    total += value;
    totalSquares += value * value;
  }
  let best = { index: -1, statistic: -Infinity, effect: 0 };
  let before = 0;
  let beforeSquares = 0;
  for (let k = 1; k < n; k += 1) {
    before += values[k - 1]!;
    beforeSquares += values[k - 1]! * values[k - 1]!;
    if (k < margin || n - k < margin) continue;
    const after = total - before;
    const meanBefore = before / k;
    const meanAfter = after / (n - k);
    const within = beforeSquares - k * meanBefore ** 2 + (totalSquares - beforeSquares) - (n - k) * meanAfter ** 2;
    const pooled = Math.max(within, 1e-12) / (n - 2);
    const statistic = (meanAfter - meanBefore) / Math.sqrt(pooled * (1 / k + 1 / (n - k)));
    if (statistic > best.statistic) best = { index: k, statistic, effect: meanAfter - meanBefore };
  }
  return best;
}

/**
 * A rise in values ordered by time (a leaked question gets easier from some date on): the split with the largest t,
 * and how often values in random order reach it (a permutation test, so scanning many splits costs no false alarms).
 * Null with fewer than 2·`margin` values. Seeded: the same ratings give the same p.
 */
export function changePoint(
  values: readonly number[],
  options: { permutations?: number; seed?: number; minSegment?: number } = {},
): ChangePoint | null {
  const n = values.length;
  const margin = Math.max(options.minSegment ?? 5, Math.ceil(n * 0.1));
  if (n < 2 * margin) return null;
  const observed = maxRise(values, margin);
  const permutations = options.permutations ?? 1999;
  const random = seededRandom(options.seed ?? 1);
  const shuffled = [...values];
  let reached = 0;
  for (let i = 0; i < permutations; i += 1) if (maxRise(shuffle(shuffled, random), margin).statistic >= observed.statistic) reached += 1;
  return { index: observed.index, effect: observed.effect, statistic: observed.statistic, pValue: (reached + 1) / (permutations + 1) };
}

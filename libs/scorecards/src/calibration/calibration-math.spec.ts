import { fitAdditive } from './additive-fit.js';
import { changePoint } from './change-point.js';
import { computeCalibration } from './calibration-model.js';
import { plantedTruth, scorePlantedTruth } from './planted-truth.js';
import { seededRandom } from './random.js';
import { benjaminiHochberg, fisherInterval, normalQuantile, pearson, tQuantile } from './statistics.js';

describe('calibration statistics', () => {
  it('gives the normal and t quantiles of the tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 5);
    expect(tQuantile(0.975, 11)).toBeCloseTo(2.201, 2);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776, 1);
    expect(tQuantile(0.975, 1000)).toBeCloseTo(1.962, 2);
  });

  it('correlates and gives Fisher-z intervals', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 10);
    expect(pearson([1, 2, 3, 4], [1, 1, 1, 1])).toBeNull();
    const interval = fisherInterval(0.5, 103)!;
    expect(interval.low).toBeCloseTo(Math.tanh(Math.atanh(0.5) - 0.196), 3);
    expect(interval.high).toBeCloseTo(Math.tanh(Math.atanh(0.5) + 0.196), 3);
    expect(fisherInterval(0.5, 3)).toBeNull();
  });

  it('finds the Benjamini–Hochberg discoveries (step-up: a p above its own line still counts under a later one)', () => {
    // m = 5, q = 0.05: lines 0.01, 0.02, 0.03, 0.04, 0.05; p(3) = 0.029 passes, so p(1), p(2) do whatever their own.
    expect(benjaminiHochberg([0.029, 0.2, 0.011, 0.001, 0.9], 0.05)).toEqual([true, false, true, true, false]);
    expect(benjaminiHochberg([0.02, 0.03], 0.01)).toEqual([false, false]);
  });
});

describe('the additive fit', () => {
  it('separates interviewer leniency from candidate ability when a lenient interviewer sees the weak candidates', () => {
    // Candidates A (strong, +1) and B (weak, −1); L is lenient (+0.5), H harsh (−0.5). Exact ratings, no noise.
    const truth = { A: 1, B: -1, C: 0 } as Record<string, number>;
    const leniency = { L: 0.5, H: -0.5, M: 0 } as Record<string, number>;
    const pairs = [['A', 'H'], ['A', 'M'], ['B', 'L'], ['B', 'M'], ['C', 'L'], ['C', 'H'], ['A', 'L'], ['B', 'H'], ['C', 'M']] as const;
    const fit = fitAdditive(
      pairs.map(([candidate, interviewer]) => ({ candidate, interviewer, pillar: 'p', value: 2.5 + truth[candidate]! + leniency[interviewer]! })),
      { candidate: 0, candidatePillar: 1e6, interviewer: 0 },
      200,
    );
    expect(fit.interviewer.get('L p')).toBeCloseTo(0.5, 3);
    expect(fit.interviewer.get('H p')).toBeCloseTo(-0.5, 3);
    expect(fit.pillarMean.get('p')).toBeCloseTo(2.5, 3);
    expect(fit.candidate.get('A')! - fit.candidate.get('B')!).toBeCloseTo(2, 3);
  });
});

describe('the change-point test', () => {
  it('finds a rise where it happens and calls a flat series unremarkable', () => {
    const random = seededRandom(7);
    const risen = Array.from({ length: 80 }, (_, i) => 0.4 * random.normal() + (i >= 50 ? 1 : 0));
    const found = changePoint(risen, { permutations: 499 })!;
    expect(found.index).toBeGreaterThanOrEqual(47);
    expect(found.index).toBeLessThanOrEqual(53);
    expect(found.effect).toBeGreaterThan(0.7);
    expect(found.pValue).toBeLessThan(0.01);
    const flat = Array.from({ length: 80 }, () => 0.4 * random.normal());
    expect(changePoint(flat, { permutations: 499 })!.pValue).toBeGreaterThan(0.05);
    expect(changePoint([1, 2, 3], {})).toBeNull();
  });
});

describe('the calibration model on a planted truth', () => {
  it('recovers leniency, finds the useless and the leaked questions (small history, fixed seed)', () => {
    const truth = plantedTruth({
      seed: 1, interviewers: 12, candidates: 150, pillars: 4, questionsPerPillar: 2, questionsPerRound: 2, uselessQuestions: 2, questionRatings: true, leakEffect: 1, days: 365,
    });
    const score = scorePlantedTruth(truth, computeCalibration(truth.input, { bootstrapSamples: 50, permutations: 499 }));
    expect(score.overallR).toBeGreaterThanOrEqual(0.9);
    expect(score.uselessLowSignal).toBe(2);
    expect(score.cleanLowSignal).toBe(0);
    expect(score.leakFlagged).toBe(true);
    expect(score.falseLeakFlags).toBe(0);
  });

  it('works with no question rated on its own and with no ratings at all', () => {
    expect(computeCalibration({ rounds: [], decisions: new Map() })).toEqual({ ratings: 0, questionRatings: 0, interviewers: [], questions: [] });
  });
});

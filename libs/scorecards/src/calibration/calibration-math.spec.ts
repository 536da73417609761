import { changePoint } from './change-point.js';
import { computeCalibration } from './calibration-model.js';
import { choleskyInverse, cholesky, choleskySolve } from './dense-matrix.js';
import { fitMixedModel, type PillarObservation } from './mixed-model.js';
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

describe('dense symmetric systems', () => {
  it('solves and inverts through the Cholesky factor', () => {
    const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const factor = cholesky(a, 3);
    const x = choleskySolve(factor, 3, Float64Array.from([1, 2, 3]));
    [0, 1, 2].forEach((i) => expect(a[i * 3]! * x[0]! + a[i * 3 + 1]! * x[1]! + a[i * 3 + 2]! * x[2]!).toBeCloseTo(i + 1, 10));
    const inverse = choleskyInverse(factor, 3);
    for (let i = 0; i < 3; i += 1)
      for (let j = 0; j < 3; j += 1)
        expect([0, 1, 2].reduce((sum, k) => sum + a[i * 3 + k]! * inverse[k * 3 + j]!, 0)).toBeCloseTo(i === j ? 1 : 0, 10);
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow('not positive definite');
  });
});

describe('the mixed model', () => {
  const lenient = { L: 0.5, H: -0.5, M: 0 } as Record<string, number>;
  // Strong candidates (A, D) meet the harsh interviewer more often, weak ones (B, E) the lenient one.
  const abilities = { A: 1, B: -1, C: 0, D: 0.8, E: -0.8 } as Record<string, number>;
  const pairs = [
    ['A', 'H'],
    ['A', 'M'],
    ['B', 'L'],
    ['B', 'M'],
    ['C', 'L'],
    ['C', 'H'],
    ['A', 'L'],
    ['B', 'H'],
    ['C', 'M'],
    ['D', 'H'],
    ['D', 'M'],
    ['E', 'L'],
    ['E', 'M'],
  ] as const;
  const observations = (noise: (i: number) => number) =>
    pairs.flatMap(([candidate, interviewer], i) =>
      ['p', 'q'].map((pillar, k) => ({
        candidate,
        interviewer,
        pillar,
        value: 2.5 + abilities[candidate]! + lenient[interviewer]! + noise(2 * i + k),
      })),
    );

  it('separates interviewer leniency from candidate ability when a lenient interviewer sees the weak candidates', () => {
    const random = seededRandom(3);
    const fit = fitMixedModel(observations(() => 0.05 * random.normal()));
    const centred = (name: string) => fit.overall.get(name)! - fit.overall.get('M')!;
    expect(centred('L')).toBeCloseTo(0.5, 1);
    expect(centred('H')).toBeCloseTo(-0.5, 1);
    expect(fit.candidate.get('A')! - fit.candidate.get('B')!).toBeCloseTo(2, 1);
    // Offsets are centred over each pillar's ratings.
    const p = ['L', 'H', 'M'].reduce((sum, name) => sum + fit.interviewer.get(`${name} p`)! * fit.counts.get(`${name} p`)!, 0);
    expect(p).toBeCloseTo(0, 8);
    // Each rating pulls its own leniency a little its way, never a whole point.
    expect([...fit.influence].every((pull) => pull > 0 && pull < 1)).toBe(true);
    expect(Math.max(...[...fit.residual].map(Math.abs))).toBeLessThan(0.2);
  });

  it('reads a rating that carries only part of the ability (its loading) without blaming its interviewer for the rest', () => {
    const random = seededRandom(5);
    // The lenient interviewer's ratings carry half the ability: read as whole, the weak candidates it saw look stronger.
    const halfCarried: PillarObservation[] = observations(() => 0.05 * random.normal()).map((o) =>
      o.interviewer === 'L' ? { ...o, value: o.value - 0.5 * abilities[o.candidate]!, loading: 0.5 } : o,
    );
    const centred = (fit: ReturnType<typeof fitMixedModel>) => fit.overall.get('L')! - fit.overall.get('M')!;
    const loaded = fitMixedModel(halfCarried);
    const unloaded = fitMixedModel(halfCarried.map(({ loading: _, ...o }) => o));
    expect(centred(loaded)).toBeCloseTo(0.5, 1);
    expect(Math.abs(centred(unloaded) - 0.5)).toBeGreaterThan(2 * Math.abs(centred(loaded) - 0.5));
  });

  it('gives wider standard errors to noisier ratings', () => {
    const random = seededRandom(4);
    const normal = Array.from({ length: 2 * pairs.length }, () => random.normal());
    const quiet = fitMixedModel(observations((i) => 0.1 * normal[i]!));
    const loud = fitMixedModel(observations((i) => 0.4 * normal[i]!));
    expect(loud.variances.residual).toBeGreaterThan(quiet.variances.residual);
    expect(loud.standardError.get('L p')!).toBeGreaterThan(quiet.standardError.get('L p')!);
    expect(loud.standardError.get('L')!).toBeLessThan(loud.standardError.get('L p')!);
  });

  it('widens the standard errors by the error of estimated variance components, not of known ones', () => {
    const random = seededRandom(5);
    const noisy = observations(() => 0.3 * random.normal());
    const estimated = fitMixedModel(noisy);
    const known = fitMixedModel(noisy, { fixed: estimated.variances });
    expect(known.variances).toEqual(estimated.variances);
    expect(known.iterations).toBe(1);
    for (const key of ['L p', 'L']) {
      expect(estimated.standardError.get(key)!).toBeGreaterThan(known.standardError.get(key)!);
      // The components' error is a correction, not the bulk of the error.
      expect(estimated.standardError.get(key)!).toBeLessThan(1.5 * known.standardError.get(key)!);
    }
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
      seed: 1,
      interviewers: 12,
      candidates: 150,
      pillars: 4,
      questionsPerPillar: 2,
      questionsPerRound: 2,
      uselessQuestions: 2,
      questionRatings: true,
      leakEffect: 1,
      days: 365,
    });
    const score = scorePlantedTruth(truth, computeCalibration(truth.input, { permutations: 499 }));
    expect(score.overallR).toBeGreaterThanOrEqual(0.9);
    // Per pillar only 12 interviewers: a correlation of 12 points is noisy, hence the lower bar.
    expect(Math.min(...Object.values(score.adjustedR).map((r) => r ?? 0))).toBeGreaterThanOrEqual(0.75);
    expect(score.uselessLowSignal).toBe(2);
    expect(score.cleanLowSignal).toBe(0);
    expect(score.leakFlagged).toBe(true);
    expect(score.falseLeakFlags).toBe(0);
    expect(score.ratingPoint.overallR).toBeGreaterThanOrEqual(0.9);
  });

  it('states the leniency also in rating points: same sign, compressed by the clamping to 1..4', () => {
    const truth = plantedTruth({
      seed: 2,
      interviewers: 12,
      candidates: 100,
      pillars: 2,
      questionsPerPillar: 2,
      questionsPerRound: 2,
      uselessQuestions: 0,
      questionRatings: false,
      leakEffect: 0,
      days: 365,
    });
    expect(truth.ratingPointLeniency.size).toBeGreaterThan(0);
    const ratios = [...truth.ratingPointLeniency].map(([cell, points]) => points / truth.leniency.get(cell)!);
    // Rounding to whole points can make one cell's effect a little larger than its latent leniency (a rating on an edge).
    for (const ratio of ratios) expect(ratio).toBeGreaterThan(0.4);
    for (const ratio of ratios) expect(ratio).toBeLessThan(1.2);
    expect(ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length).toBeLessThan(0.95);
  });

  it('works with no question rated on its own and with no ratings at all', () => {
    expect(computeCalibration({ rounds: [], decisions: new Map() })).toEqual({
      ratings: 0,
      questionRatings: 0,
      interviewers: [],
      questions: [],
    });
  });
});

import { changePoint } from './change-point.js';
import { cellKey, fitMixedModel, type MixedFit, type PillarObservation, type VarianceComponents } from './mixed-model.js';
import { benjaminiHochberg, fisherInterval, mean, pearson, tQuantile, type Interval } from './statistics.js';

/** One submitted, non-shadow scorecard with its amendments applied, as the model reads it. */
export interface CalibrationRound {
  /** The loop: a candidate's ratings are compared within one loop. */
  candidate: string;
  interviewer: string;
  /** The round's time (ms): the order the leak test reads ratings in. */
  at: number;
  /** Pillar values 1..4 (not_assessed left out). */
  pillars: { pillar: string; value: number }[];
  /** The questions asked, with the question's own rating 1..4 where the interviewer gave one. */
  questions: { question: string; pillar: string; value: number | null }[];
}

export interface CalibrationInput {
  rounds: readonly CalibrationRound[];
  /** Loop → 1 hire, 0 no hire. */
  decisions: ReadonlyMap<string, number>;
}

export interface CalibrationOptions {
  /** Ratings an interviewer needs (per pillar, or overall) before the adjusted offset counts as `enoughData`. */
  minCount: number;
  /** A question is `lowSignal` when the upper end of its discrimination interval is below this. */
  lowSignalThreshold: number;
  /** The false discovery rate of leak flags across questions. */
  leakFalseDiscoveryRate: number;
  permutations: number;
  seed: number;
}

/**
 * 12 ratings (the default): about where a pillar's own ratings outweigh the mixed model's pull towards the
 * interviewer's other pillars (σ²_ε/σ²_interviewer·pillar was 9–19 ratings in `npm run simulate`).
 */
export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = {
  minCount: 12,
  lowSignalThreshold: 0.3,
  leakFalseDiscoveryRate: 0.05,
  permutations: 1999,
  seed: 20261202,
};

export interface AdjustedOffset {
  interviewer: string;
  /** Null: over all pillars (weighted by ratings). */
  pillar: string | null;
  count: number;
  adjustedOffset: number;
  standardError: number | null;
  adjustedConfidenceInterval: Interval | null;
  enoughData: boolean;
}

export interface Discrimination {
  value: number;
  interval: Interval | null;
  count: number;
}

export interface PossibleLeak {
  /** The round time of the first rating after the change (ISO). */
  since: string;
  effect: number;
  pValue: number;
}

export interface QuestionSignal {
  question: string;
  timesRated: number;
  /** Ratings the question had of its own (the others use the pillar's rating). */
  ownRatings: number;
  /** Against the candidate's adjusted ratings in the loop's other rounds. */
  discrimination: Discrimination | null;
  /** Against the loop's decision (hire 1, no hire 0). */
  decisionDiscrimination: Discrimination | null;
  lowSignal: boolean;
  /** 1 = the most discriminating; null without a discrimination. */
  rank: number | null;
  possibleLeak: PossibleLeak | null;
}

export interface CalibrationResult {
  ratings: number;
  questionRatings: number;
  interviewers: AdjustedOffset[];
  questions: QuestionSignal[];
}

export function adjustedOffsets(fit: MixedFit, options: CalibrationOptions): AdjustedOffset[] {
  const offset = (interviewer: string, pillar: string | null, value: number, count: number, key: string): AdjustedOffset => {
    const standardError = fit.standardError.get(key) ?? null;
    const margin = standardError !== null && count >= 3 ? tQuantile(0.975, count - 1) * standardError : null;
    return {
      interviewer,
      pillar,
      count,
      adjustedOffset: value,
      standardError,
      adjustedConfidenceInterval: margin === null ? null : { low: value - margin, high: value + margin },
      enoughData: count >= options.minCount && margin !== null,
    };
  };
  const cells = [...fit.interviewer].map(([key, value]) => {
    const split = key.lastIndexOf(' ');
    return offset(key.slice(0, split), key.slice(split + 1), value, fit.counts.get(key) ?? 0, key);
  });
  const totals = new Map<string, number>();
  for (const cell of cells) totals.set(cell.interviewer, (totals.get(cell.interviewer) ?? 0) + cell.count);
  const overall = [...fit.overall].map(([interviewer, value]) =>
    offset(interviewer, null, value, totals.get(interviewer) ?? 0, interviewer),
  );
  return [...overall, ...cells];
}

function discrimination(xs: number[], ys: number[]): Discrimination | null {
  const value = pearson(xs, ys);
  return value === null ? null : { value, interval: fisherInterval(value, xs.length), count: xs.length };
}

/**
 * Per question: each rating (its own, else its pillar's) minus the pillar mean and the interviewer's leniency,
 * against (a) the mean of the same candidate's adjusted ratings in the loop's other rounds and (b) the decision; and
 * the same rating minus that candidate's ability from the other rounds, in round order, for the leak test.
 */
function questionSignals(
  input: CalibrationInput,
  fit: MixedFit,
  observationOf: (round: number, pillar: string) => number | undefined,
  options: CalibrationOptions,
): QuestionSignal[] {
  // The leniency without this candidate's own pull on it (leave-one-out): the fitted leniency took in part of the
  // candidate's other ratings through the ability, which would correlate a useless question with them. The residual
  // left out of the fit is about n/(n − 1) times the fitted one for a candidate with n ratings.
  const ratingsOf = new Map<string, number>();
  for (const round of input.rounds) ratingsOf.set(round.candidate, (ratingsOf.get(round.candidate) ?? 0) + round.pillars.length);
  const adjusted = (round: number, interviewer: string, pillar: string, value: number): number => {
    const observation = observationOf(round, pillar);
    const n = ratingsOf.get(input.rounds[round]!.candidate) ?? 0;
    const ownPull = observation === undefined || n < 2 ? 0 : (fit.influence[observation]! * fit.residual[observation]! * n) / (n - 1);
    return value - (fit.pillarMean.get(pillar) ?? 0) - (fit.interviewer.get(cellKey(interviewer, pillar)) ?? 0) + ownPull;
  };
  // An ability from n adjusted ratings is shrunk as the model shrinks it: each rating's noise is its deviation and ε.
  const abilityPenalty = (fit.variances.residual + fit.variances.candidatePillar) / fit.variances.candidate;
  const roundsOf = new Map<string, { index: number; sum: number; n: number }[]>();
  input.rounds.forEach((round, index) => {
    const values = round.pillars.map((p) => adjusted(index, round.interviewer, p.pillar, p.value));
    const list = roundsOf.get(round.candidate) ?? [];
    list.push({ index, sum: values.reduce((a, b) => a + b, 0), n: values.length });
    roundsOf.set(round.candidate, list);
  });
  interface Ask {
    x: number;
    others: number | null;
    ability: number;
    decision: number | undefined;
    at: number;
  }
  const asks = new Map<string, { own: number; list: Ask[] }>();
  input.rounds.forEach((round, index) => {
    const others = (roundsOf.get(round.candidate) ?? []).filter((item) => item.index !== index);
    const n = others.reduce((sum, item) => sum + item.n, 0);
    const sum = others.reduce((total, item) => total + item.sum, 0);
    for (const asked of round.questions) {
      const value = asked.value ?? round.pillars.find((p) => p.pillar === asked.pillar)?.value ?? null;
      if (value === null) continue;
      const x = adjusted(index, round.interviewer, asked.pillar, value);
      const entry = asks.get(asked.question) ?? { own: 0, list: [] };
      if (asked.value !== null) entry.own += 1;
      entry.list.push({
        x,
        others: n > 0 ? sum / n : null,
        ability: sum / (n + abilityPenalty),
        decision: input.decisions.get(round.candidate),
        at: round.at,
      });
      asks.set(asked.question, entry);
    }
  });
  const signals = [...asks].map(([question, { own, list }], order) => {
    const withOthers = list.filter((ask) => ask.others !== null);
    const decided = list.filter((ask) => ask.decision !== undefined);
    const signal = discrimination(
      withOthers.map((ask) => ask.x),
      withOthers.map((ask) => ask.others!),
    );
    const inTime = [...list].sort((a, b) => a.at - b.at);
    const change = changePoint(
      inTime.map((ask) => ask.x - ask.ability),
      { permutations: options.permutations, seed: options.seed + order },
    );
    return {
      signal: {
        question,
        timesRated: list.length,
        ownRatings: own,
        discrimination: signal,
        decisionDiscrimination: discrimination(
          decided.map((ask) => ask.x),
          decided.map((ask) => ask.decision!),
        ),
        lowSignal: signal?.interval ? signal.interval.high < options.lowSignalThreshold : false,
        rank: null as number | null,
        possibleLeak: null as PossibleLeak | null,
      },
      change: change && { ...change, since: new Date(inTime[change.index]!.at).toISOString() },
    };
  });
  const tested = signals.filter((item) => item.change !== null);
  const discovered = benjaminiHochberg(
    tested.map((item) => item.change!.pValue),
    options.leakFalseDiscoveryRate,
  );
  tested.forEach((item, index) => {
    if (discovered[index] && item.change!.effect > 0)
      item.signal.possibleLeak = { since: item.change!.since, effect: item.change!.effect, pValue: item.change!.pValue };
  });
  const ranked = signals
    .filter((item) => item.signal.discrimination)
    .sort((a, b) => b.signal.discrimination!.value - a.signal.discrimination!.value);
  ranked.forEach((item, index) => (item.signal.rank = index + 1));
  return signals.map((item) => item.signal);
}

/** Questions need this many own ratings before their loading is estimated (else they count as carrying the ability fully). */
const MIN_RATINGS_FOR_LOADING = 20;

/**
 * Per question with own ratings: how far its rating follows the candidate, relative to the typical question — the slope
 * of its adjusted rating on the mean of the candidate's adjusted ratings in the loop's other rounds, over the median
 * slope (both are attenuated alike by the noise of that mean), shrunk toward 1 and kept within 0..1.5.
 */
function questionLoadings(input: CalibrationInput, fit: MixedFit): Map<string, number> {
  const adjusted = (interviewer: string, pillar: string, value: number): number =>
    value - (fit.pillarMean.get(pillar) ?? 0) - (fit.interviewer.get(cellKey(interviewer, pillar)) ?? 0);
  const byCandidate = new Map<string, { index: number; sum: number; n: number }[]>();
  input.rounds.forEach((round, index) => {
    const list = byCandidate.get(round.candidate) ?? [];
    list.push({
      index,
      sum: round.pillars.reduce((sum, p) => sum + adjusted(round.interviewer, p.pillar, p.value), 0),
      n: round.pillars.length,
    });
    byCandidate.set(round.candidate, list);
  });
  const pairs = new Map<string, { xs: number[]; ys: number[] }>();
  input.rounds.forEach((round, index) => {
    const others = (byCandidate.get(round.candidate) ?? []).filter((item) => item.index !== index);
    const n = others.reduce((sum, item) => sum + item.n, 0);
    if (n === 0) return;
    const ability = others.reduce((sum, item) => sum + item.sum, 0) / n;
    for (const asked of round.questions) {
      if (asked.value === null) continue;
      const entry = pairs.get(asked.question) ?? { xs: [], ys: [] };
      entry.xs.push(ability);
      entry.ys.push(adjusted(round.interviewer, asked.pillar, asked.value));
      pairs.set(asked.question, entry);
    }
  });
  const slopes = new Map<string, { slope: number; variance: number }>();
  for (const [question, { xs, ys }] of pairs) {
    if (xs.length < MIN_RATINGS_FOR_LOADING) continue;
    const mx = mean(xs);
    const my = mean(ys);
    let sxy = 0;
    let sxx = 0;
    xs.forEach((x, i) => {
      sxy += (x - mx) * (ys[i]! - my);
      sxx += (x - mx) ** 2;
    });
    if (!(sxx > 0)) continue;
    const slope = sxy / sxx;
    const residual = ys.reduce((sum, y, i) => sum + (y - my - slope * (xs[i]! - mx)) ** 2, 0) / (xs.length - 2);
    slopes.set(question, { slope, variance: residual / sxx });
  }
  const sorted = [...slopes.values()].map((item) => item.slope).sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
  if (!(median > 0)) return new Map();
  // Each loading is shrunk toward 1 as far as its own sampling error says against the spread of the loadings.
  const relative = [...slopes].map(([question, item]) => ({ question, value: item.slope / median, variance: item.variance / median ** 2 }));
  const noise = mean(relative.map((item) => item.variance));
  const spread = Math.max(0, mean(relative.map((item) => (item.value - 1) ** 2)) - noise);
  return new Map(
    relative.map(({ question, value, variance }) => {
      const shrunk = 1 + ((value - 1) * spread) / (spread + variance);
      return [question, Math.min(1.5, Math.max(0, shrunk))];
    }),
  );
}

/** The whole model over an organization's ratings: adjusted offsets with intervals, question signal and leak flags. */
export function computeCalibration(
  input: CalibrationInput,
  overrides: Partial<CalibrationOptions> = {},
  /** Known variance components instead of REML's (the simulation's oracle). */
  known: { variances?: VarianceComponents } = {},
): CalibrationResult {
  const options = { ...DEFAULT_CALIBRATION_OPTIONS, ...overrides };
  const observationIndex = new Map<string, number>();
  const observations: PillarObservation[] = input.rounds.flatMap((round, index) =>
    round.pillars.map((p) => {
      observationIndex.set(`${index} ${p.pillar}`, observationIndex.size);
      return { candidate: round.candidate, interviewer: round.interviewer, pillar: p.pillar, value: p.value };
    }),
  );
  const questionRatings = input.rounds.reduce((sum, round) => sum + round.questions.filter((q) => q.value !== null).length, 0);
  if (observations.length === 0) return { ratings: 0, questionRatings, interviewers: [], questions: [] };
  // The loadings need only a rough first fit: the refit settles the variances.
  const first = fitMixedModel(observations, { tolerance: 1e-2, fixed: known.variances });
  // A pillar rating carries the candidate's ability as far as the questions asked do on average: refit with those
  // loadings where the questions have their own ratings (from the first fit's variances, so it settles quickly).
  const loadingOf = questionLoadings(input, first);
  let loaded = false;
  input.rounds.forEach((round, index) =>
    round.pillars.forEach((p) => {
      const asked = round.questions.filter((q) => q.pillar === p.pillar && loadingOf.has(q.question));
      if (asked.length === 0) return;
      observations[observationIndex.get(`${index} ${p.pillar}`)!]!.loading = mean(asked.map((q) => loadingOf.get(q.question)!));
      loaded = true;
    }),
  );
  const fit = loaded ? fitMixedModel(observations, { start: first.variances, fixed: known.variances }) : first;
  return {
    ratings: observations.length,
    questionRatings,
    interviewers: adjustedOffsets(fit, options),
    questions: questionSignals(input, fit, (round, pillar) => observationIndex.get(`${round} ${pillar}`), options),
  };
}

import { cholesky, choleskyInverse, choleskySolve, inverseSymmetric } from './dense-matrix.js';

/** One pillar rating on 1..4: who rated whom on which pillar. */
export interface PillarObservation {
  candidate: string;
  interviewer: string;
  pillar: string;
  value: number;
  /**
   * How much of the candidate's ability the rating carries (1 when omitted): a pillar rating made from a question that
   * tells nothing about the candidate carries less, and reading it as a whole point of ability would leave the rest in
   * the leniency of whoever saw strong (or weak) candidates.
   */
  loading?: number;
}

export const cellKey = (a: string, b: string): string => `${a} ${b}`;

export interface VarianceComponents {
  candidate: number;
  candidatePillar: number;
  interviewer: number;
  interviewerPillar: number;
  residual: number;
}

export interface MixedFit {
  /** Pillar → its mean (after centring the leniencies over its ratings). */
  pillarMean: Map<string, number>;
  /** Candidate → ability over all pillars. */
  candidate: Map<string, number>;
  /** `interviewer pillar` → leniency (the interviewer's own + the pillar's deviation), centred over the pillar's ratings. */
  interviewer: Map<string, number>;
  /** `interviewer pillar` → ratings. */
  counts: Map<string, number>;
  /** Interviewer → leniency over pillars, the cells weighted by their ratings. */
  overall: Map<string, number>;
  /** `interviewer pillar` and `interviewer` → the standard error of the centred leniency (prediction error, σ·√C⁻¹). */
  standardError: Map<string, number>;
  variances: VarianceComponents;
  /**
   * Per observation (in the order given): its residual, and how much its own cell's leniency moves per rating point of
   * it, so that a reader can take the observation's own pull out of the leniency (a leave-one-out offset).
   */
  residual: Float64Array;
  influence: Float64Array;
  iterations: number;
}

/** Names → dense indexes, so the fit runs over typed arrays. */
function indexer(): { index: (name: string) => number; names: string[] } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  return {
    names,
    index: (name) => {
      let id = ids.get(name);
      if (id === undefined) {
        id = names.length;
        ids.set(name, id);
        names.push(name);
      }
      return id;
    },
  };
}

/**
 * Abilities are (nearly) fixed effects: who sees which candidate is not random (senior interviewers see stronger ones),
 * and a shrunk ability would leave part of itself in the offsets of the interviewers who saw that candidate. The ridge
 * only keeps the equations regular (pillar means and abilities are otherwise aliased). In `npm run simulate -- --pooled`
 * over 20 seeds, r per pillar fell from 0.944 (ridge 0.01) to 0.936 (0.3) and 0.909 (1); 0.05 gave 0.943, 0.001 no more.
 */
const CANDIDATE_RIDGE = 0.01;

/** One candidate's block: its ability and pillar deviations, absorbed into the interviewer-side equations. */
interface CandidateBlock {
  observations: number[];
  /** Per observation: its deviation's index within the block (0 is the ability). */
  inner: number[];
  size: number;
  /** The interviewer-side unknowns its observations touch, and per observation their positions in that list. */
  outer: number[];
  outerOf: number[][];
  /** Filled per iteration: M⁻¹, B·M⁻¹ (outer × inner) and the block's solution. */
  inverse: Float64Array;
  bInverse: Float64Array;
  solution: Float64Array;
}

/**
 * rating = μ_pillar + ability + candidate·pillar + interviewer + interviewer·pillar + ε: a linear mixed model with
 * abilities (nearly) fixed and the interviewer effects random, so that an interviewer·pillar leniency is shrunk towards
 * the interviewer's own over all pillars as far as its variance says (the BLUP, σ²_ε/σ²_effect ratings' worth).
 * Henderson's equations, with the variances re-estimated by EM-REML until they settle. Candidates are absorbed (their
 * equations are per candidate), so the dense system is the interviewer side only: pillars + interviewers + cells.
 */
export function fitMixedModel(
  observations: readonly PillarObservation[],
  options: {
    maxIterations?: number;
    tolerance?: number;
    start?: VarianceComponents;
    /** Known variance components: one solve with them, no REML (the simulation's oracle). */
    fixed?: VarianceComponents;
  } = {},
): MixedFit {
  const n = observations.length;
  const pillars = indexer();
  const interviewers = indexer();
  const cells = indexer();
  const candidates = indexer();
  const pillarOf = new Int32Array(n);
  const interviewerOf = new Int32Array(n);
  const cellOf = new Int32Array(n);
  const candidateOf = new Int32Array(n);
  const cellInterviewer: number[] = [];
  const cellPillar: number[] = [];
  observations.forEach((o, i) => {
    pillarOf[i] = pillars.index(o.pillar);
    interviewerOf[i] = interviewers.index(o.interviewer);
    candidateOf[i] = candidates.index(o.candidate);
    const cell = cells.index(cellKey(o.interviewer, o.pillar));
    cellOf[i] = cell;
    cellInterviewer[cell] = interviewerOf[i]!;
    cellPillar[cell] = pillarOf[i]!;
  });
  const P = pillars.names.length;
  const J = interviewers.names.length;
  const D = cells.names.length;
  const m = P + J + D;
  const outerIndexes = (i: number): number[] => [pillarOf[i]!, P + interviewerOf[i]!, P + J + cellOf[i]!];

  const blocks: CandidateBlock[] = candidates.names.map(() => ({
    observations: [],
    inner: [],
    size: 1,
    outer: [],
    outerOf: [],
    inverse: new Float64Array(0),
    bInverse: new Float64Array(0),
    solution: new Float64Array(0),
  }));
  // A candidate's pillar deviation is told apart from noise only where the candidate has two ratings of one pillar;
  // without any, it is noise (and left out: its EM would only split the residual in two, slowly).
  const ratingsOfPillar = new Map<string, number>();
  for (let i = 0; i < n; i += 1)
    ratingsOfPillar.set(`${candidateOf[i]} ${pillarOf[i]}`, (ratingsOfPillar.get(`${candidateOf[i]} ${pillarOf[i]}`) ?? 0) + 1);
  const withDeviations = [...ratingsOfPillar.values()].some((count) => count > 1);
  const pillarSlot = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const block = blocks[candidateOf[i]!]!;
    const slotKey = `${candidateOf[i]} ${pillarOf[i]}`;
    let slot = withDeviations ? pillarSlot.get(slotKey) : 0;
    if (slot === undefined) {
      slot = block.size;
      block.size += 1;
      pillarSlot.set(slotKey, slot);
    }
    block.observations.push(i);
    block.inner.push(slot);
    block.outerOf.push(
      outerIndexes(i).map((index) => {
        let at = block.outer.indexOf(index);
        if (at < 0) at = block.outer.push(index) - 1;
        return at;
      }),
    );
  }

  const values = Float64Array.from(observations, (o) => o.value);
  const loadings = Float64Array.from(observations, (o) => o.loading ?? 1);
  // A candidate whose ratings carry none of its ability (all loadings 0) costs the residual no degree of freedom.
  const withAbility = blocks.filter((block) => block.observations.some((i) => loadings[i]! > 0)).length;
  const meanValue = values.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const total = Math.max(1e-3, values.reduce((s, v) => s + (v - meanValue) ** 2, 0) / Math.max(1, n - 1));
  const variances: VarianceComponents = options.fixed
    ? { ...options.fixed }
    : options.start
      ? { ...options.start }
      : {
          candidate: 0.4 * total,
          candidatePillar: withDeviations ? 0.1 * total : 0,
          interviewer: 0.15 * total,
          interviewerPillar: 0.05 * total,
          residual: (withDeviations ? 0.3 : 0.4) * total,
        };
  const floor = 1e-4 * total;
  const maxIterations = options.maxIterations ?? 60;
  const tolerance = options.tolerance ?? 1e-4;
  let outer: Float64Array = new Float64Array(m);
  let inverse: Float64Array = new Float64Array(0);
  let iterations = 0;
  // The absorbed equations change only with the deviations' ridge: without deviations they are built once.
  const absorb = (deviationRidge: number) => {
    const system = new Float64Array(m * m);
    const rhs = new Float64Array(m);
    for (let i = 0; i < n; i += 1) {
      const indexes = outerIndexes(i);
      for (const a of indexes) {
        rhs[a]! += values[i]!;
        for (const b of indexes) system[a * m + b]! += 1;
      }
    }
    const fullRhs = new Float64Array(rhs);
    // Absorb each candidate: system −= B·M⁻¹·Bᵀ, rhs −= B·M⁻¹·r.
    const innerRhs = blocks.map((block) => {
      const s = block.size;
      const q = block.outer.length;
      const matrix = new Float64Array(s * s);
      const r = new Float64Array(s);
      const b = new Float64Array(q * s);
      matrix[0] = CANDIDATE_RIDGE;
      for (let k = 1; k < s; k += 1) matrix[k * s + k] = deviationRidge;
      block.observations.forEach((i, t) => {
        const slot = block.inner[t]!;
        const g = loadings[i]!;
        matrix[0]! += g * g;
        r[0]! += g * values[i]!;
        for (const at of block.outerOf[t]!) b[at * s]! += g;
        if (slot === 0) return;
        matrix[slot]! += g * g;
        matrix[slot * s]! += g * g;
        matrix[slot * s + slot]! += g * g;
        r[slot]! += g * values[i]!;
        for (const at of block.outerOf[t]!) b[at * s + slot]! += g;
      });
      block.inverse = inverseSymmetric(matrix, s);
      block.bInverse = new Float64Array(q * s);
      for (let a = 0; a < q; a += 1)
        for (let k = 0; k < s; k += 1) {
          let sum = 0;
          for (let l = 0; l < s; l += 1) sum += b[a * s + l]! * block.inverse[l * s + k]!;
          block.bInverse[a * s + k] = sum;
        }
      for (let a = 0; a < q; a += 1) {
        const row = block.outer[a]!;
        for (let k = 0; k < s; k += 1) rhs[row]! -= block.bInverse[a * s + k]! * r[k]!;
        for (let c = 0; c < q; c += 1) {
          let sum = 0;
          for (let k = 0; k < s; k += 1) sum += block.bInverse[a * s + k]! * b[c * s + k]!;
          system[row * m + block.outer[c]!]! -= sum;
        }
      }
      return { r, b };
    });
    return { system, rhs, fullRhs, innerRhs };
  };
  let absorbed: ReturnType<typeof absorb> | null = null;
  let absorbedFor = NaN;
  /** The interviewer-side equations with the given shrinkage of the interviewers and of their cells, solved. */
  const solveAt = (interviewerRidge: number, cellRidge: number) => {
    const system = new Float64Array(absorbed!.system);
    for (let j = 0; j < J; j += 1) system[(P + j) * m + P + j]! += interviewerRidge;
    for (let c = 0; c < D; c += 1) system[(P + J + c) * m + P + J + c]! += cellRidge;
    const factor = cholesky(system, m);
    return { factor, solution: choleskySolve(factor, m, absorbed!.rhs) };
  };
  for (; iterations < maxIterations; iterations += 1) {
    const lambda = {
      candidate: CANDIDATE_RIDGE,
      candidatePillar: variances.residual / variances.candidatePillar,
      interviewer: variances.residual / variances.interviewer,
      interviewerPillar: variances.residual / variances.interviewerPillar,
    };
    if (!absorbed || (withDeviations && absorbedFor !== lambda.candidatePillar)) {
      absorbed = absorb(lambda.candidatePillar);
      absorbedFor = lambda.candidatePillar;
    }
    const { fullRhs, innerRhs } = absorbed;
    const { factor, solution: next } = solveAt(lambda.interviewer, lambda.interviewerPillar);
    let change = 0;
    for (let k = 0; k < m; k += 1) change = Math.max(change, Math.abs(next[k]! - outer[k]!));
    outer = next;
    inverse = choleskyInverse(factor, m);
    // Back-substitution per candidate and its prediction error variances (for the EM of the candidates' variances).
    let candidateSum = 0;
    let deviationSum = 0;
    let deviationCount = 0;
    let solutionDotRhs = 0;
    for (let k = 0; k < m; k += 1) solutionDotRhs += outer[k]! * fullRhs[k]!;
    blocks.forEach((block, index) => {
      const s = block.size;
      const q = block.outer.length;
      const { r, b } = innerRhs[index]!;
      const reduced = new Float64Array(r);
      for (let k = 0; k < s; k += 1) for (let a = 0; a < q; a += 1) reduced[k]! -= b[a * s + k]! * outer[block.outer[a]!]!;
      block.solution = new Float64Array(s);
      for (let k = 0; k < s; k += 1) for (let l = 0; l < s; l += 1) block.solution[k]! += block.inverse[k * s + l]! * reduced[l]!;
      for (let k = 0; k < s; k += 1) solutionDotRhs += block.solution[k]! * r[k]!;
      // C⁻¹ of the block = M⁻¹ + (B·M⁻¹)ᵀ·S⁻¹·(B·M⁻¹), diagonal only.
      for (let k = 0; k < s; k += 1) {
        let extra = 0;
        for (let a = 0; a < q; a += 1)
          for (let c = 0; c < q; c += 1)
            extra += block.bInverse[a * s + k]! * inverse[block.outer[a]! * m + block.outer[c]!]! * block.bInverse[c * s + k]!;
        const pev = block.inverse[k * s + k]! + extra;
        const value = block.solution[k]!;
        if (k === 0) candidateSum += value * value + variances.residual * pev;
        else {
          deviationSum += value * value + variances.residual * pev;
          deviationCount += 1;
        }
      }
    });
    let sumOfSquares = 0;
    for (let i = 0; i < n; i += 1) sumOfSquares += values[i]! ** 2;
    let interviewerSum = 0;
    for (let j = 0; j < J; j += 1) interviewerSum += outer[P + j]! ** 2 + variances.residual * inverse[(P + j) * m + P + j]!;
    let cellSum = 0;
    for (let c = 0; c < D; c += 1) cellSum += outer[P + J + c]! ** 2 + variances.residual * inverse[(P + J + c) * m + P + J + c]!;
    if (options.fixed) {
      iterations += 1;
      break;
    }
    const previous = { ...variances };
    variances.residual = Math.max(floor, (sumOfSquares - solutionDotRhs) / Math.max(1, n - P - withAbility + 1));
    variances.candidate = Math.max(floor, candidateSum / Math.max(1, blocks.length));
    if (withDeviations) variances.candidatePillar = Math.max(floor, deviationSum / Math.max(1, deviationCount));
    variances.interviewer = Math.max(floor, interviewerSum / Math.max(1, J));
    variances.interviewerPillar = Math.max(floor, cellSum / Math.max(1, D));
    for (const key of Object.keys(variances) as (keyof VarianceComponents)[])
      change = Math.max(change, Math.abs(variances[key] - previous[key]) / total);
    if (change < tolerance) {
      iterations += 1;
      break;
    }
  }
  return summarise();

  /**
   * What the estimated variances add to an offset's error (Prasad & Rao's estimate of the mean squared error: the
   * prediction error variance at the estimates plus twice Kackar & Harville's term). Per component θ (the interviewers',
   * their cells'): the offsets' derivative in log θ, by refitting at θ·e^(±h), times the variance of log θ̂, 2 / Σ r²
   * over its levels (r = the level's reliability, 1 − λ·C⁻¹; a level seen in many ratings tells θ as much as one draw
   * does). The residual, from thousands of ratings, and the components' covariance are left out.
   */
  function componentUncertainty(centred: (solution: Float64Array) => { raw: Float64Array }) {
    const h = 0.1;
    const components = [
      { ridge: variances.residual / variances.interviewer, levels: Array.from({ length: J }, (_, j) => P + j) },
      { ridge: variances.residual / variances.interviewerPillar, levels: Array.from({ length: D }, (_, c) => P + J + c) },
    ];
    const terms = components.map(({ ridge, levels }, which) => {
      const at = (scale: number) =>
        centred(solveAt(which === 0 ? ridge / scale : components[0]!.ridge, which === 1 ? ridge / scale : components[1]!.ridge).solution)
          .raw;
      const up = at(Math.exp(h));
      const down = at(Math.exp(-h));
      const reliability = levels.reduce((sum, k) => sum + Math.max(0, 1 - ridge * inverse[k * m + k]!) ** 2, 0);
      return { slope: Float64Array.from(up, (value, c) => (value - down[c]!) / (2 * h)), variance: 2 / Math.max(1, reliability) };
    });
    return {
      /** The added variance of Σ weight·offset over the given cells. */
      ofCells: (own: readonly number[], weights: readonly number[]): number =>
        2 *
        terms.reduce(
          (sum, { slope, variance }) => sum + own.reduce((total, c, k) => total + weights[k]! * slope[c]!, 0) ** 2 * variance,
          0,
        ),
    };
  }

  function summarise(): MixedFit {
    const residual = new Float64Array(n);
    const influence = new Float64Array(n);
    for (const block of blocks) {
      const s = block.size;
      block.observations.forEach((i, t) => {
        const slot = block.inner[t]!;
        const own = block.outerOf[t]!;
        const leniency = [P + interviewerOf[i]!, P + J + cellOf[i]!];
        // d(absorbed rhs)/d(rating) = the observation's own columns − B·M⁻¹ of its candidate columns.
        block.outer.forEach((column, a) => {
          const g = loadings[i]!;
          const pull = (own.includes(a) ? 1 : 0) - g * (block.bInverse[a * s]! + (slot === 0 ? 0 : block.bInverse[a * s + slot]!));
          for (const row of leniency) influence[i]! += inverse[row * m + column]! * pull;
        });
        const effects =
          outer[pillarOf[i]!]! +
          outer[leniency[0]!]! +
          outer[leniency[1]!]! +
          loadings[i]! * (block.solution[0]! + (slot === 0 ? 0 : block.solution[slot]!));
        residual[i] = values[i]! - effects;
      });
    }
    const counts = new Float64Array(D);
    for (let i = 0; i < n; i += 1) counts[cellOf[i]!]! += 1;
    const perPillar = new Float64Array(P);
    for (let c = 0; c < D; c += 1) perPillar[cellPillar[c]!]! += counts[c]!;
    const weight = (c: number): number => counts[c]! / perPillar[cellPillar[c]!]!;
    const centred = (solution: Float64Array): { raw: Float64Array; centre: Float64Array } => {
      const raw = Float64Array.from({ length: D }, (_, c) => solution[P + cellInterviewer[c]!]! + solution[P + J + c]!);
      const centre = new Float64Array(P);
      for (let c = 0; c < D; c += 1) centre[cellPillar[c]!]! += weight(c) * raw[c]!;
      for (let c = 0; c < D; c += 1) raw[c]! -= centre[cellPillar[c]!]!;
      return { raw, centre };
    };
    const { raw: offsets, centre } = centred(outer);
    // Known components (the simulation's oracle) add no error of their own.
    const uncertainty = options.fixed ? { ofCells: () => 0 } : componentUncertainty(centred);
    // Prediction error covariance of the cells' leniencies (interviewer + interviewer·pillar), then of their centred values.
    const position = (c: number): [number, number] => [P + cellInterviewer[c]!, P + J + c];
    const covariance = (c: number, d: number): number => {
      let sum = 0;
      for (const a of position(c)) for (const b of position(d)) sum += inverse[a * m + b]!;
      return sum * variances.residual;
    };
    const cellsOfPillar = Array.from({ length: P }, () => [] as number[]);
    for (let c = 0; c < D; c += 1) cellsOfPillar[cellPillar[c]!]!.push(c);
    // u[p][c] = Σ over pillar p's cells d of w_d·cov(c, d); q[p][p'] = Σ w_c·w_d·cov(c, d).
    const u = Array.from({ length: P }, (_, p) =>
      Float64Array.from({ length: D }, (_, c) => cellsOfPillar[p]!.reduce((sum, d) => sum + weight(d) * covariance(c, d), 0)),
    );
    const q = Array.from({ length: P }, (_, p) =>
      Array.from({ length: P }, (_, p2) => cellsOfPillar[p]!.reduce((sum, c) => sum + weight(c) * u[p2]![c]!, 0)),
    );
    const centredCovariance = (c: number, d: number): number =>
      covariance(c, d) - u[cellPillar[c]!]![d]! - u[cellPillar[d]!]![c]! + q[cellPillar[c]!]![cellPillar[d]!]!;
    const interviewer = new Map<string, number>();
    const standardError = new Map<string, number>();
    const cellsOf = Array.from({ length: J }, () => [] as number[]);
    for (let c = 0; c < D; c += 1) {
      interviewer.set(cells.names[c]!, offsets[c]!);
      standardError.set(cells.names[c]!, Math.sqrt(Math.max(0, centredCovariance(c, c) + uncertainty.ofCells([c], [1]))));
      cellsOf[cellInterviewer[c]!]!.push(c);
    }
    const overall = new Map<string, number>();
    interviewers.names.forEach((name, j) => {
      const own = cellsOf[j]!;
      const ratings = own.reduce((sum, c) => sum + counts[c]!, 0);
      overall.set(name, own.reduce((sum, c) => sum + counts[c]! * interviewer.get(cells.names[c]!)!, 0) / ratings);
      let spread = 0;
      for (const c of own) for (const d of own) spread += counts[c]! * counts[d]! * centredCovariance(c, d);
      standardError.set(
        name,
        Math.sqrt(
          Math.max(
            0,
            spread / ratings ** 2 +
              uncertainty.ofCells(
                own,
                own.map((c) => counts[c]! / ratings),
              ),
          ),
        ),
      );
    });
    return {
      pillarMean: new Map(pillars.names.map((name, p) => [name, outer[p]! + centre[p]!])),
      candidate: new Map(candidates.names.map((name, k) => [name, blocks[k]!.solution[0] ?? 0])),
      interviewer,
      counts: new Map(cells.names.map((name, c) => [name, counts[c]!])),
      overall,
      standardError,
      variances: { ...variances },
      residual,
      influence,
      iterations,
    };
  }
}

/** One pillar rating on 1..4: who rated whom on which pillar. */
export interface PillarObservation {
  candidate: string;
  interviewer: string;
  pillar: string;
  value: number;
}

/** Ridge penalties (σ²/τ² of each effect): how many ratings' worth of evidence an effect starts at zero with. */
export interface RidgePenalties {
  candidate: number;
  candidatePillar: number;
  interviewer: number;
}

/**
 * Who sees which candidate is not random (senior interviewers see stronger ones), so candidate abilities are barely
 * shrunk: a shrunk ability would leave part of it in the interviewer's offset. Each candidate is seen about once per
 * pillar, so the candidate·pillar deviation is strongly shrunk (it then only weighs ratings, it cannot move an
 * offset); an interviewer's offset is barely shrunk (0.5 of a rating: 4% at 12 ratings).
 */
export const DEFAULT_PENALTIES: RidgePenalties = { candidate: 0.2, candidatePillar: 4, interviewer: 0.5 };

export interface AdditiveFit {
  /** Pillar → its mean. */
  pillarMean: Map<string, number>;
  /** Candidate → ability over all pillars. */
  candidate: Map<string, number>;
  /** `interviewer pillar` → the interviewer's leniency on the pillar, centred per pillar over ratings. */
  interviewer: Map<string, number>;
  /** `interviewer pillar` → ratings. */
  counts: Map<string, number>;
  /** Residual variance. */
  residualVariance: number;
}

export const cellKey = (a: string, b: string): string => `${a} ${b}`;

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

/** Σ residual / (n + λ) per group: one effect's penalised least-squares update given the others. */
function updateEffect(effect: Float64Array, group: Int32Array, residual: Float64Array, lambda: number): void {
  const sums = new Float64Array(effect.length);
  const counts = new Float64Array(effect.length);
  for (let i = 0; i < group.length; i += 1) {
    sums[group[i]!]! += residual[i]! + effect[group[i]!]!;
    counts[group[i]!]! += 1;
  }
  for (let g = 0; g < effect.length; g += 1) {
    const next = counts[g]! + lambda > 0 ? sums[g]! / (counts[g]! + lambda) : 0;
    const change = next - effect[g]!;
    effect[g] = next;
    sums[g] = change;
  }
  for (let i = 0; i < group.length; i += 1) residual[i]! -= sums[group[i]!]!;
}

/**
 * rating = μ_pillar + candidate + candidate·pillar + interviewer·pillar + ε, fitted by alternating least squares:
 * each effect in turn is the penalised mean of what the others leave (Σ residual / (n + λ)), until it settles.
 * `start` (the bootstrap's full fit) begins each effect at its value there; a candidate `name#copy` starts at `name`'s.
 */
export function fitAdditive(
  observations: readonly PillarObservation[],
  penalties: RidgePenalties = DEFAULT_PENALTIES,
  iterations = 40,
  start?: AdditiveFit,
): AdditiveFit {
  const n = observations.length;
  const pillars = indexer();
  const candidates = indexer();
  const candidatePillars = indexer();
  const cells = indexer();
  const pillarOf = new Int32Array(n);
  const candidateOf = new Int32Array(n);
  const candidatePillarOf = new Int32Array(n);
  const cellOf = new Int32Array(n);
  const cellPillar: number[] = [];
  observations.forEach((o, i) => {
    pillarOf[i] = pillars.index(o.pillar);
    candidateOf[i] = candidates.index(o.candidate);
    candidatePillarOf[i] = candidatePillars.index(cellKey(o.candidate, o.pillar));
    const cell = cells.index(cellKey(o.interviewer, o.pillar));
    cellOf[i] = cell;
    cellPillar[cell] = pillarOf[i]!;
  });
  const mu = new Float64Array(pillars.names.length);
  const candidate = new Float64Array(candidates.names.length);
  const candidatePillar = new Float64Array(candidatePillars.names.length);
  const interviewer = new Float64Array(cells.names.length);
  if (start) {
    pillars.names.forEach((name, p) => (mu[p] = start.pillarMean.get(name) ?? 0));
    candidates.names.forEach((name, c) => (candidate[c] = start.candidate.get(name.split('#')[0]!) ?? 0));
    cells.names.forEach((name, c) => (interviewer[c] = start.interviewer.get(name) ?? 0));
  }
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i += 1)
    residual[i] = observations[i]!.value - mu[pillarOf[i]!]! - candidate[candidateOf[i]!]! - candidatePillar[candidatePillarOf[i]!]! - interviewer[cellOf[i]!]!;
  const ratingsPerPillar = new Float64Array(mu.length);
  for (let i = 0; i < n; i += 1) ratingsPerPillar[pillarOf[i]!]! += 1;
  const cellCounts = new Float64Array(interviewer.length);
  for (let i = 0; i < n; i += 1) cellCounts[cellOf[i]!]! += 1;
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    updateEffect(mu, pillarOf, residual, 0);
    updateEffect(interviewer, cellOf, residual, penalties.interviewer);
    // Interviewer effects sum to zero over each pillar's ratings; their mean moves into the pillar's.
    const shift = new Float64Array(mu.length);
    for (let c = 0; c < interviewer.length; c += 1) shift[cellPillar[c]!]! += (interviewer[c]! * cellCounts[c]!) / ratingsPerPillar[cellPillar[c]!]!;
    for (let c = 0; c < interviewer.length; c += 1) interviewer[c]! -= shift[cellPillar[c]!]!;
    for (let p = 0; p < mu.length; p += 1) mu[p]! += shift[p]!;
    updateEffect(candidate, candidateOf, residual, penalties.candidate);
    updateEffect(candidatePillar, candidatePillarOf, residual, penalties.candidatePillar);
  }
  const residualVariance = residual.reduce((sum, r) => sum + r * r, 0) / Math.max(1, n - 1);
  return {
    pillarMean: new Map(pillars.names.map((name, p) => [name, mu[p]!])),
    candidate: new Map(candidates.names.map((name, c) => [name, candidate[c]!])),
    interviewer: new Map(cells.names.map((name, c) => [name, interviewer[c]!])),
    counts: new Map(cells.names.map((name, c) => [name, cellCounts[c]!])),
    residualVariance,
  };
}

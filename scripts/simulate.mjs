// The full-size planted-truth simulation of issue 18: 40 interviewers × 500 candidates (2,000 scorecards), several
// seeds, through the calibration model the worker runs. Prints how close the model came to the planted truth.
// Usage: node scripts/simulate.mjs [seeds, default 5] [--seeds=1,5] [--diagnose] [--replicates=N]
//   --diagnose       per seed: the fitted variance components against the planted ones, and what the offsets' errors
//                    correlate with (the ability of the candidates the interviewer saw, the count, the ends of the scale)
//   --replicates=N   per seed: N histories with the same truth and design (abilities, leniencies, who saw whom, which
//                    questions) and fresh noise, to tell a seed's luck from the model's bias: per cell the mean error
//                    (bias given the truth) and its spread, against the standard error the fit states
//   --pooled         over all the seeds run: the mean coverage (pooled over cells) and r per pillar, the per-seed spread
//                    of coverage, the share of seeds inside 93–97% and of pillars at r ≥ 0.93 (rating points), and how
//                    far each seed's spread of error/SE follows the error of its fitted interviewer×pillar SD
//   --oracle=variances|abilities|both   also fit each seed with what no estimator has, to bound what one can reach:
//                    the planted variance components (in rating points: the planted SDs × the seed's slope of the
//                    rating-point leniency on the latent one; the residual as REML finds it), and/or the planted
//                    abilities (each rating less its pillar's slope on the ability; then no candidate effect)
// (builds first when the sources changed)
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' });
const { adjustedOffsets, computeCalibration, DEFAULT_CALIBRATION_OPTIONS } =
  await import('../dist/libs/scorecards/src/calibration/calibration-model.js');
const { cellKey, fitMixedModel } = await import('../dist/libs/scorecards/src/calibration/mixed-model.js');
const { FULL_SIZE, plantedTruth, scorePlantedTruth } = await import('../dist/libs/scorecards/src/calibration/planted-truth.js');
const { seededRandom } = await import('../dist/libs/scorecards/src/calibration/random.js');
const { pearson } = await import('../dist/libs/scorecards/src/calibration/statistics.js');

const args = process.argv.slice(2);
const option = (name) => args.find((arg) => arg.startsWith(`--${name}`))?.split('=')[1] ?? (args.includes(`--${name}`) ? '' : null);
const count = Number(args.find((arg) => !arg.startsWith('--')) ?? 5);
const seeds = option('seeds') ? option('seeds').split(',').map(Number) : Array.from({ length: count }, (_, i) => i + 1);
const diagnose = option('diagnose') !== null;
const replicates = Number(option('replicates') ?? 0);
const pooled = option('pooled') !== null;
const oracle = option('oracle');
if (oracle !== null && !['variances', 'abilities', 'both'].includes(oracle)) throw new Error('--oracle=variances|abilities|both');

const f = (value, digits = 3) => (value === null ? '—' : value.toFixed(digits));
const average = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const sd = (values) => Math.sqrt(values.reduce((sum, value) => sum + (value - average(values)) ** 2, 0) / (values.length - 1));

/** Per `enoughData` cell: the error of its adjusted offset against a truth centred as the fit centres it. */
function cellErrors(truth, rounds, result, leniency) {
  const errors = [];
  for (const pillar of truth.pillars) {
    const rated = rounds.filter((round) => round.pillars.some((p) => p.pillar === pillar));
    const centre = average(rated.map((round) => leniency.get(cellKey(round.interviewer, pillar))));
    for (const cell of result.interviewers.filter((c) => c.pillar === pillar && c.enoughData)) {
      const key = cellKey(cell.interviewer, pillar);
      errors.push({
        key,
        cell,
        rounds: rated.filter((round) => round.interviewer === cell.interviewer),
        error: cell.adjustedOffset - (leniency.get(key) - centre),
      });
    }
  }
  return errors;
}

function printDiagnosis(truth, result) {
  const observations = truth.input.rounds.flatMap((round) =>
    round.pillars.map((p) => ({ candidate: round.candidate, interviewer: round.interviewer, pillar: p.pillar, value: p.value })),
  );
  const v = fitMixedModel(observations).variances;
  const own = new Map(truth.interviewers.map((i) => [i, average(truth.pillars.map((p) => truth.leniency.get(cellKey(i, p))))]));
  const deviations = truth.interviewers.flatMap((i) => truth.pillars.map((p) => truth.leniency.get(cellKey(i, p)) - own.get(i)));
  console.log(
    `  diagnosis (first fit, pillar ratings only; SDs): interviewer ${f(Math.sqrt(v.interviewer))} (planted 0.45, drawn ${f(sd([...own.values()]))}), ` +
      `interviewer×pillar ${f(Math.sqrt(v.interviewerPillar))} (planted 0.2, drawn ${f(sd(deviations))}), candidate ${f(Math.sqrt(v.candidate))} (planted 0.75), ` +
      `candidate×pillar ${f(Math.sqrt(v.candidatePillar))} (planted 0.3: one rating per candidate and pillar, so in the residual), residual ${f(Math.sqrt(v.residual))}`,
  );
  for (const [label, leniency] of [
    ['rating points', truth.ratingPointLeniency],
    ['latent', truth.leniency],
  ]) {
    const errors = cellErrors(truth, truth.input.rounds, result, leniency);
    const against = (feature) =>
      f(
        pearson(
          errors.map((e) => e.error),
          errors.map(feature),
        ),
        2,
      );
    console.log(
      `    [${label}] corr(error, ·): ability seen ${against((e) => average(e.rounds.map((r) => truth.ability.get(r.candidate))))}, ` +
        `count ${against((e) => e.cell.count)}, share of 1s and 4s ${against((e) => average(e.rounds.map((r) => (r.pillars[0].value === 1 || r.pillars[0].value === 4 ? 1 : 0))))}, ` +
        `interviewer×pillar deviation ${against((e) => truth.leniency.get(e.key) - own.get(e.cell.interviewer))} (the shrinkage towards the interviewer's own)`,
    );
  }
}

const clampRating = (latent) => Math.min(4, Math.max(1, Math.round(latent)));
/** Φ(x), as planted-truth.ts has it. */
function normalCdf(x) {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
const expectedRating = (mean, sd) => 1 + normalCdf((mean - 1.5) / sd) + normalCdf((mean - 2.5) / sd) + normalCdf((mean - 3.5) / sd);

/** The planted noise again (the candidate·pillar deviation, useless questions' draws, question noise) on the same design. */
function replay(truth, random) {
  const pointSums = new Map();
  const rounds = truth.input.rounds.map((round) => {
    const pillar = round.pillars[0].pillar;
    const cell = cellKey(round.interviewer, pillar);
    const ability = truth.ability.get(round.candidate);
    const deviation = 0.3 * random.normal();
    const signals = round.questions.map(
      (q) =>
        (truth.useless.has(q.question) ? Math.sqrt(0.75 ** 2 + 0.3 ** 2) * random.normal() : ability + deviation) +
        (q.question === truth.leaked && round.at >= truth.leakSince ? FULL_SIZE.leakEffect : 0),
    );
    const latents = signals.map((signal) => truth.pillarMean.get(pillar) + truth.leniency.get(cell) + signal + 0.5 * random.normal());
    const withoutLeniency = truth.pillarMean.get(pillar) + average(signals);
    const noise = 0.5 / Math.sqrt(signals.length);
    const effect = expectedRating(withoutLeniency + truth.leniency.get(cell), noise) - expectedRating(withoutLeniency, noise);
    pointSums.set(cell, [...(pointSums.get(cell) ?? []), effect]);
    return {
      ...round,
      pillars: [{ pillar, value: clampRating(average(latents)) }],
      questions: round.questions.map((q, k) => ({ ...q, value: clampRating(latents[k]) })),
    };
  });
  return { rounds, ratingPoints: new Map([...pointSums].map(([cell, effects]) => [cell, average(effects)])) };
}

function printReplicates(truth) {
  const perCell = { 'rating points': new Map(), latent: new Map() };
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    const { rounds, ratingPoints } = replay(truth, seededRandom(1000 + replicate));
    const result = computeCalibration({ rounds, decisions: truth.input.decisions }, { permutations: 19 });
    for (const [label, leniency] of [
      ['rating points', ratingPoints],
      ['latent', truth.leniency],
    ])
      for (const { key, cell, error } of cellErrors(truth, rounds, result, leniency)) {
        const list = perCell[label].get(key) ?? [];
        list.push({ error, se: cell.standardError });
        perCell[label].set(key, list);
      }
  }
  for (const [label, cells] of Object.entries(perCell)) {
    const rows = [...cells.values()].filter((list) => list.length >= 2);
    const bias2 = average(rows.map((list) => average(list.map((x) => x.error)) ** 2 - sd(list.map((x) => x.error)) ** 2 / list.length));
    const noise = average(rows.map((list) => sd(list.map((x) => x.error)) ** 2));
    const se2 = average(rows.map((list) => average(list.map((x) => x.se ** 2))));
    const z = Math.sqrt(average(rows.flatMap((list) => list.map((x) => (x.error / x.se) ** 2))));
    console.log(
      `  ${replicates} replicates [${label}]: bias² given the truth ${f(bias2, 4)}, noise variance ${f(noise, 4)}, stated SE² ${f(se2, 4)}; spread of error/SE ${f(z, 2)} over ${rows.length} cells`,
    );
  }
}

const pillarObservations = (rounds) =>
  rounds.flatMap((round) =>
    round.pillars.map((p) => ({ candidate: round.candidate, interviewer: round.interviewer, pillar: p.pillar, value: p.value })),
  );

/** The slope (through 0) of the rating-point leniency on the latent one: how much clamping to 1..4 shrinks a leniency. */
function attenuation(truth) {
  let xy = 0;
  let xx = 0;
  for (const [cell, latent] of truth.leniency) {
    const points = truth.ratingPointLeniency.get(cell);
    if (points === undefined) continue;
    xy += latent * points;
    xx += latent * latent;
  }
  return xy / xx;
}

/** The planted variance components in rating points; the residual (no planted counterpart after rounding) from REML. */
function plantedVariances(truth) {
  const k = attenuation(truth);
  const fitted = fitMixedModel(pillarObservations(truth.input.rounds)).variances;
  return {
    candidate: (0.75 * k) ** 2,
    candidatePillar: 0,
    interviewer: (0.45 * k) ** 2,
    interviewerPillar: (0.2 * k) ** 2,
    residual: fitted.residual,
  };
}

/** Offsets from ratings with the planted ability taken out (each pillar's least-squares slope on it): no candidate effect. */
function withKnownAbilities(truth, fixed) {
  const observations = pillarObservations(truth.input.rounds);
  const slope = new Map();
  for (const pillar of truth.pillars) {
    const own = observations.filter((o) => o.pillar === pillar);
    const xs = own.map((o) => truth.ability.get(o.candidate));
    const mx = average(xs);
    const my = average(own.map((o) => o.value));
    slope.set(pillar, own.reduce((sum, o, i) => sum + (xs[i] - mx) * (o.value - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0));
  }
  const adjusted = observations.map((o) => ({ ...o, value: o.value - slope.get(o.pillar) * truth.ability.get(o.candidate), loading: 0 }));
  const fit = fitMixedModel(adjusted, fixed ? { fixed: { ...fixed, candidate: 1 } } : {});
  return { interviewers: adjustedOffsets(fit, DEFAULT_CALIBRATION_OPTIONS), questions: [] };
}

const runs = new Map();
const record = (label, seed, figures, extra = {}) => {
  const list = runs.get(label) ?? [];
  list.push({ seed, figures, ...extra });
  runs.set(label, list);
};
const printOffsets = (label, figures) => {
  console.log(
    `  [${label}] r per pillar ${Object.values(figures.adjustedR)
      .map((r) => f(r))
      .join(
        ' ',
      )}; coverage ${(100 * figures.coverage).toFixed(1)}% of ${figures.cellsWithEnoughData}; spread of error/SE ${figures.errorSpread.toFixed(2)}`,
  );
};

let leaks = 0;
for (const seed of seeds) {
  const truth = plantedTruth({ ...FULL_SIZE, seed });
  const startedAt = performance.now();
  const result = computeCalibration(truth.input);
  const ms = Math.round(performance.now() - startedAt);
  const score = scorePlantedTruth(truth, result);
  if (score.leakFlagged) leaks += 1;
  const ownFit = pooled ? fitMixedModel(pillarObservations(truth.input.rounds)).variances : null;
  record('model', seed, score.ratingPoint, {
    ms,
    ipError: ownFit ? Math.sqrt(ownFit.interviewerPillar) - 0.2 * attenuation(truth) : null,
  });
  console.log(`seed ${seed} (${truth.input.rounds.length} scorecards, fit ${ms} ms)`);
  // Two truths: the offsets are in rating points on the clamped 1..4 scale, so the honest target is the leniency's
  // effect in rating points on the ratings given; the latent leniency (before clamping) is kept for comparison.
  for (const [label, figures] of [
    ['rating points', score.ratingPoint],
    ['latent', score],
  ]) {
    console.log(`  [truth: ${label}]`);
    console.log(
      `    adjusted r per pillar: ${Object.values(figures.adjustedR)
        .map((r) => f(r))
        .join(' ')}   overall ${f(figures.overallR)}`,
    );
    console.log(
      `    95% interval coverage: ${(100 * figures.coverage).toFixed(1)}% of ${figures.cellsWithEnoughData} cells with enough data (${(100 * figures.coverageWithTooFew).toFixed(1)}% of ${figures.cellsWithTooFew} with fewer ratings); spread of (offset − truth)/SE ${figures.errorSpread.toFixed(2)}`,
    );
  }
  console.log(
    `  raw r per pillar (latent): ${Object.values(score.rawR)
      .map((r) => f(r))
      .join(' ')}`,
  );
  console.log(
    `  useless questions: ranks ${score.uselessRanks.join(', ')} of ${score.questionCount}; lowSignal ${score.uselessLowSignal}/${score.uselessRanks.length}; clean lowSignal ${score.cleanLowSignal}`,
  );
  console.log(`  leak flagged: ${score.leakFlagged ? 'yes' : 'no'}; clean questions flagged: ${score.falseLeakFlags}`);
  if (oracle === 'variances' || oracle === 'both') {
    const known = plantedVariances(truth);
    const figures = scorePlantedTruth(truth, computeCalibration(truth.input, { permutations: 19 }, { variances: known })).ratingPoint;
    record('oracle: planted variances', seed, figures);
    printOffsets('oracle: planted variances, rating points', figures);
  }
  if (oracle === 'abilities' || oracle === 'both') {
    const figures = scorePlantedTruth(truth, withKnownAbilities(truth, null)).ratingPoint;
    record('oracle: planted abilities', seed, figures);
    printOffsets('oracle: planted abilities, rating points', figures);
  }
  if (oracle === 'both') {
    const figures = scorePlantedTruth(truth, withKnownAbilities(truth, plantedVariances(truth))).ratingPoint;
    record('oracle: both', seed, figures);
    printOffsets('oracle: planted abilities and variances, rating points', figures);
  }
  if (diagnose) printDiagnosis(truth, result);
  if (replicates > 0) printReplicates(truth);
}
console.log(`leak flagged in ${leaks} of ${seeds.length} seeds`);

if (pooled)
  for (const [label, list] of runs) {
    const coverages = list.map((run) => run.figures.coverage);
    const covered = list.reduce((sum, run) => sum + run.figures.coverage * run.figures.cellsWithEnoughData, 0);
    const cells = list.reduce((sum, run) => sum + run.figures.cellsWithEnoughData, 0);
    const rs = list.flatMap((run) => Object.values(run.figures.adjustedR));
    const perPillar = Object.keys(list[0].figures.adjustedR).map((pillar) => f(average(list.map((run) => run.figures.adjustedR[pillar]))));
    const spreads = list.map((run) => run.figures.errorSpread);
    console.log(`pooled over ${list.length} seeds [${label}, truth in rating points]`);
    console.log(
      `  coverage ${(100 * (covered / cells)).toFixed(1)}% of ${cells} cells; per seed mean ${(100 * average(coverages)).toFixed(1)}, SD ${(100 * sd(coverages)).toFixed(1)}, ` +
        `range ${(100 * Math.min(...coverages)).toFixed(1)}–${(100 * Math.max(...coverages)).toFixed(1)}; seeds inside 93–97%: ${coverages.filter((c) => c >= 0.93 && c <= 0.97).length}/${list.length}`,
    );
    console.log(
      `  r per pillar: mean ${perPillar.join(' ')} (all ${f(average(rs))}, min ${f(Math.min(...rs))}); pillars at r ≥ 0.93: ${rs.filter((r) => r >= 0.93).length}/${rs.length}`,
    );
    console.log(
      `  spread of error/SE: root mean square ${f(Math.sqrt(average(spreads.map((x) => x * x))), 2)}, per seed ${f(Math.min(...spreads), 2)}–${f(Math.max(...spreads), 2)}` +
        (list[0].ipError !== undefined && list[0].ipError !== null
          ? `; its correlation with the seed's error of the fitted interviewer×pillar SD ${f(
              pearson(
                spreads,
                list.map((run) => run.ipError),
              ),
              2,
            )}; fit ${Math.min(...list.map((run) => run.ms))}–${Math.max(...list.map((run) => run.ms))} ms`
          : ''),
    );
  }

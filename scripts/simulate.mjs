// The full-size planted-truth simulation of issue 18: 40 interviewers × 500 candidates (2,000 scorecards), several
// seeds, through the calibration model the worker runs. Prints how close the model came to the planted truth.
// Usage: node scripts/simulate.mjs [seeds, default 5]   (builds first when the sources changed)
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit' });
const { computeCalibration } = await import('../dist/libs/scorecards/src/calibration/calibration-model.js');
const { FULL_SIZE, plantedTruth, scorePlantedTruth } = await import('../dist/libs/scorecards/src/calibration/planted-truth.js');

const seeds = Number(process.argv[2] ?? 5);
const f = (value) => (value === null ? '—' : value.toFixed(3));
let leaks = 0;
for (let seed = 1; seed <= seeds; seed += 1) {
  const truth = plantedTruth({ ...FULL_SIZE, seed });
  const startedAt = performance.now();
  const result = computeCalibration(truth.input);
  const ms = Math.round(performance.now() - startedAt);
  const score = scorePlantedTruth(truth, result);
  if (score.leakFlagged) leaks += 1;
  console.log(`seed ${seed} (${truth.input.rounds.length} scorecards, fit ${ms} ms)`);
  // Two truths: the offsets are in rating points on the clamped 1..4 scale, so the honest target is the leniency's
  // effect in rating points on the ratings given; the latent leniency (before clamping) is kept for comparison.
  for (const [label, figures] of [['rating points', score.ratingPoint], ['latent', score]]) {
    console.log(`  [truth: ${label}]`);
    console.log(`    adjusted r per pillar: ${Object.values(figures.adjustedR).map(f).join(' ')}   overall ${f(figures.overallR)}`);
    console.log(
      `    95% interval coverage: ${(100 * figures.coverage).toFixed(1)}% of ${figures.cellsWithEnoughData} cells with enough data (${(100 * figures.coverageWithTooFew).toFixed(1)}% of ${figures.cellsWithTooFew} with fewer ratings); spread of (offset − truth)/SE ${figures.errorSpread.toFixed(2)}`,
    );
  }
  console.log(`  raw r per pillar (latent): ${Object.values(score.rawR).map(f).join(' ')}`);
  console.log(
    `  useless questions: ranks ${score.uselessRanks.join(', ')} of ${score.questionCount}; lowSignal ${score.uselessLowSignal}/${score.uselessRanks.length}; clean lowSignal ${score.cleanLowSignal}`,
  );
  console.log(`  leak flagged: ${score.leakFlagged ? 'yes' : 'no'}; clean questions flagged: ${score.falseLeakFlags}`);
}
console.log(`leak flagged in ${leaks} of ${seeds} seeds`);

// Issue 18: the analytics routes of an organization with 10,000 submitted scorecards (target: p50 and p99 under
// 200 ms), each against a bare node:http + pg baseline replaying the route's captured statements. The history is
// bulk-inserted with SQL; the calibration snapshot is computed once, as the worker does after a submission, before
// anything is timed (the routes read it, never refit).
import path from 'node:path';
import { addPacketLoops } from './data.mjs';
import { addPosition, root, sql } from './harness.mjs';

export const ANALYTICS_SCORECARDS = 10_000;
const INTERVIEWERS = 8;
const TARGET_MS = 200;
const RATING_VALUES = `CASE s.recommendation WHEN 'strong_yes' THEN 4 WHEN 'yes' THEN 3 WHEN 'no' THEN 2 ELSE 1 END`;

const log = (message) => process.stderr.write(`${message}\n`);

/** The worker's refit (`CalibrationSnapshots.refresh`) on a data source of its own; how long it took (ms). */
async function computeSnapshot(built, url, organizationId) {
  const { CalibrationSnapshots } = await import(path.join(root, 'dist/libs/scorecards/src/calibration/calibration-snapshots.js'));
  const dataSource = built.createCliDataSource(url);
  await dataSource.initialize();
  try {
    const started = performance.now();
    await new CalibrationSnapshots(dataSource).refresh(organizationId);
    return performance.now() - started;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * A new organization: 1,250 past loops of 8 rounds, each round a submitted scorecard on one pillar with two bank
 * questions asked (addPacketLoops), and a decision per loop (hire when its recommendations average "yes" or more).
 * `context`: the runner's page context with `built`, `signup` and `measureOn`.
 */
export async function analyticsScenarios({ url, apiBase, built, signup, addUser, measureOn }) {
  const admin = await signup(apiBase, 'Bench Analytics');
  const manager = await addUser(apiBase, admin, 'analytics-manager', ['hiring_manager']);
  const interviewers = [];
  for (let index = 0; index < INTERVIEWERS; index += 1) interviewers.push(await addUser(apiBase, admin, `analyst${index}`, ['interviewer']));
  const position = await addPosition(apiBase, admin, 'Bench Analytics Engineer', manager.id);
  const pillars = await sql(url, 'SELECT id FROM pillars WHERE organization_id = $1 ORDER BY position', [admin.organizationId]);
  const started = performance.now();
  const loopIds = await addPacketLoops(url, {
    organizationId: admin.organizationId,
    positionId: position.id,
    interviewerIds: interviewers.map((interviewer) => interviewer.id),
    pillarIds: pillars.map((pillar) => pillar.id),
    count: Math.ceil(ANALYTICS_SCORECARDS / INTERVIEWERS),
    label: 'analytics',
  });
  await sql(
    url,
    `INSERT INTO loop_decisions (organization_id, loop_id, decision)
     SELECT $1, s.loop_id, CASE WHEN avg(${RATING_VALUES}) >= 2.75 THEN 'hire' ELSE 'no_hire' END
       FROM scorecards s WHERE s.organization_id = $1 AND s.loop_id = ANY($2::uuid[]) GROUP BY s.loop_id`,
    [admin.organizationId, loopIds],
  );
  await sql(url, 'ANALYZE loop_decisions; ANALYZE scorecards');
  const [{ count }] = await sql(url, `SELECT count(*)::int AS count FROM scorecards WHERE organization_id = $1 AND status = 'submitted'`, [admin.organizationId]);
  log(`Analytics: ${count} submitted scorecards in ${Math.round(performance.now() - started)} ms; computing the calibration snapshot...`);
  const snapshotMs = Math.round(await computeSnapshot(built, url, admin.organizationId));
  log(`Analytics: snapshot computed in ${snapshotMs} ms`);

  const scenarios = [];
  for (const route of ['interviewers', 'questions']) {
    const measured = await measureOn(`GET /api/analytics/${route} (${count} scorecards)`, manager.token, [`/api/analytics/${route}`]);
    scenarios.push({ ...measured, scorecards: count, snapshotMs, targetMet: measured.p50Ms < TARGET_MS && measured.p99Ms < TARGET_MS });
  }
  for (const scenario of scenarios)
    log(`  ${scenario.targetMet ? 'met   ' : 'MISSED'}  ${scenario.name}: p50 ${scenario.p50Ms} ms, p99 ${scenario.p99Ms} ms < ${TARGET_MS} ms; ${scenario.sqlPerRequest} statements besides auth`);
  return scenarios;
}

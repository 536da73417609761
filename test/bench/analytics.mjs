// Issue 18: the analytics routes of an organization with 10,000 submitted scorecards (target: p50 and p99 under
// 200 ms), at 1 and at 10 connections, each against a bare node:http + pg baseline replaying the route's captured
// statements. The history is bulk-inserted with SQL; the snapshots are computed once, as the worker does after a
// submission, before anything is timed. Unfiltered requests read the snapshots; filtered ones (a position, a period)
// aggregate in SQL over the analytics facts the snapshot's refresh rebuilt, and are measured too.
import path from 'node:path';
import { addPacketLoops } from './data.mjs';
import { addPosition, api, load, root, sql, startBaseline } from './harness.mjs';

export const ANALYTICS_SCORECARDS = 10_000;
const INTERVIEWERS = 8;
const TARGET_MS = 200;
const CONNECTION_COUNTS = [1, 10];
const RATING_VALUES = `CASE s.recommendation WHEN 'strong_yes' THEN 4 WHEN 'yes' THEN 3 WHEN 'no' THEN 2 ELSE 1 END`;

const log = (message) => process.stderr.write(`${message}\n`);

/** Requests of the "new each time" scenarios so far, across all of them: no route of theirs is ever asked twice. */
let requested = 0;

/** The worker's refreshes (calibration, then the analytics aggregates) on a data source of their own; how long each took (ms). */
async function computeSnapshots(built, url, organizationId) {
  const { CalibrationSnapshots } = await import(path.join(root, 'dist/libs/scorecards/src/calibration/calibration-snapshots.js'));
  const analytics = await import(path.join(root, 'dist/libs/scorecards/src/analytics/analytics-snapshots.js')).catch(() => null);
  // The loops library's side of a facts rebuild, without the rest of LoopsService.
  const loops = await import(path.join(root, 'dist/libs/loops/src/loops/loop-positions.js')).catch(() => null);
  const dataSource = built.createCliDataSource(url);
  await dataSource.initialize();
  try {
    let started = performance.now();
    await new CalibrationSnapshots(dataSource).refresh(organizationId);
    const calibrationMs = performance.now() - started;
    started = performance.now();
    if (analytics) await new analytics.AnalyticsSnapshots(dataSource, loops).refresh(organizationId);
    return { calibrationMs: Math.round(calibrationMs), aggregatesMs: analytics ? Math.round(performance.now() - started) : null };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * One route at `connections` against the baseline replaying its captured statements (the runner's `alternate` and
 * `figures`). `routeAt(i)`, when given, makes every request's route a new one (a filter nobody asked for before, so
 * that nothing kept from an earlier request answers it); the baseline replays the statements of one such request.
 */
async function measureRoute({ url, apiBase, alternate, figures, baselinePort }, { name, route, routeAt, token, connections }) {
  const apiLoad = (seconds) =>
    routeAt
      ? load({ base: apiBase, next: () => ({ path: routeAt(requested++) }), token, seconds, connections })
      : load({ base: apiBase, paths: [route], token, seconds, connections });
  await apiLoad(1); // warm-up
  const sampled = routeAt ? routeAt(requested++) : route;
  const sample = await api(apiBase, 'GET', sampled, { token, capture: true });
  const baseline = await startBaseline({ url, port: baselinePort, statementsByPath: { [sampled]: sample.sql } });
  try {
    await load({ base: baseline.base, paths: [sampled], seconds: 1, connections });
    const [apiRun, baselineRun] = await alternate(apiLoad, (seconds) => load({ base: baseline.base, paths: [sampled], seconds, connections }));
    return { ...figures(name, apiRun, baselineRun, sample), connections };
  } finally {
    await baseline.stop();
  }
}

/**
 * A new organization: 1,250 past loops of 8 rounds, each round a submitted scorecard on one pillar with two bank
 * questions asked (addPacketLoops), and a decision per loop (hire when its recommendations average "yes" or more).
 * `context`: the runner's page context with `built`, `signup` and `measureOn`.
 */
export async function analyticsScenarios(context) {
  const { url, apiBase, built, signup, addUser } = context;
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
  // As autovacuum would after this many inserts (PostgreSQL 13 on): statistics, and the visibility map that lets the
  // fingerprints count the scorecards by an index-only scan. One statement each: VACUUM runs outside a transaction.
  for (const table of ['loop_decisions', 'scorecards']) await sql(url, `VACUUM ANALYZE ${table}`);
  const [{ count }] = await sql(url, `SELECT count(*)::int AS count FROM scorecards WHERE organization_id = $1 AND status = 'submitted'`, [admin.organizationId]);
  log(`Analytics: ${count} submitted scorecards in ${Math.round(performance.now() - started)} ms; computing the snapshots...`);
  const snapshotMs = await computeSnapshots(built, url, admin.organizationId);
  // As autovacuum would after the worker's first rebuild: the filtered statements are planned with the facts' statistics.
  for (const table of ['analytics_scorecard_facts', 'analytics_rating_facts', 'analytics_question_facts']) await sql(url, `VACUUM ANALYZE ${table}`);
  log(`Analytics: calibration snapshot in ${snapshotMs.calibrationMs} ms, aggregates in ${snapshotMs.aggregatesMs ?? '-'} ms`);
  // Filters the snapshot cannot serve: the position (all of the history's loops: the largest scope a filter can
  // have), the later half of the history, and its middle half (from the first quartile to the third). Asked again and
  // again, a filter's figures are kept until the data changes; "new each time" moves the period's start by a second
  // per request, so that every request aggregates.
  const [quartiles] = await sql(
    url,
    `SELECT percentile_disc(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY submitted_at) AS at FROM scorecards WHERE organization_id = $1`,
    [admin.organizationId],
  );
  const [first, middle, third] = quartiles.at.map((at) => new Date(at));
  const at = (date, seconds = 0) => encodeURIComponent(new Date(date.getTime() + seconds * 1000).toISOString());
  const filters = [
    { query: () => '', filter: 'all' },
    { query: () => `?positionId=${position.id}`, filter: 'one position' },
    { query: () => `?from=${at(middle)}`, filter: 'from the middle' },
    { query: () => `?from=${at(first)}&to=${at(third)}`, filter: 'middle half' },
    { query: (i) => `?from=${at(first, i)}&to=${at(third)}`, filter: 'middle half, new each time', fresh: true },
    { query: (i) => `?positionId=${position.id}&from=${at(first, i)}`, filter: 'position from a new time each time', fresh: true },
  ];

  const scenarios = [];
  for (const { query, filter, fresh } of filters)
    for (const route of ['interviewers', 'questions'])
      for (const connections of CONNECTION_COUNTS) {
        const name = `GET /api/analytics/${route} (${count} scorecards, ${filter}, ${connections} conn.)`;
        const routeAt = (i) => `/api/analytics/${route}${query(i)}`;
        const measured = await measureRoute(context, { name, ...(fresh ? { routeAt } : { route: routeAt(0) }), token: manager.token, connections });
        scenarios.push({ ...measured, scorecards: count, snapshotMs, targetMet: measured.p50Ms < TARGET_MS && measured.p99Ms < TARGET_MS });
      }
  for (const scenario of scenarios)
    log(`  ${scenario.targetMet ? 'met   ' : 'MISSED'}  ${scenario.name}: p50 ${scenario.p50Ms} ms, p99 ${scenario.p99Ms} ms < ${TARGET_MS} ms; ${scenario.sqlPerRequest} statements besides auth`);
  return scenarios;
}

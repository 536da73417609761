// Issue 20, points 4 and 5: a Monday-morning load mix on the built API and worker.
//   npm run bench -- --mix [--quick] [--interviewers=N] [--managers=M]   one mix, per action p50/p99, errors, requests/s
//   npm run bench -- --mix-capacity [--quick]                             the largest N whose autosave p99 stays < 250 ms
//   npm run bench -- --mix --replicas=2 [--quick]                         the mix on one and on two API + worker replicas
// Interviewers autosave their draft every 5 s and open their round page (at start, then every 30 s); managers open a
// loop plan or a debrief every 5 s; one recruiter exports 100 PDF packets through the bulk export route and downloads
// the zip. Reminders fall due during the run and the worker mails them to a local SMTP sink; afterwards SQL checks that
// no reminder and no export was done twice.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addPacketLoops } from './data.mjs';
import { addPosition, api, freePort, loadBuilt, prepareBenchDatabase, root, sql, startApi, startWorker } from './harness.mjs';
import { startSink } from './notifications.mjs';
import { addPageRound } from './pages.mjs';
import { startProxy } from './proxy.mjs';

const PACE_MS = 5_000;
/** An interviewer reopens the round page every this many autosaves (every 30 s), as after a reload or a new tab. */
const PAGE_EVERY = 6;
const EXPORT_PACKETS = 100;
const EXPORT_POLL_MS = 1_000;
const AUTOSAVE_P99_LIMIT_MS = 250;
const CAPACITY_STEPS = [25, 50, 100, 200, 400, 800, 1600, 3200];
const BISECTIONS = 3;
/** Closed-loop users (no think time) for the throughput of one replica against two. */
const SATURATION = { interviewers: 32, managers: 8 };
const REQUEST_TIMEOUT_MS = 30_000;
// The worker looks for due reminders and mail every second (production: 60 and 10), so reminders go out during the run.
const WORKER_ENVIRONMENT = { REMINDER_SCAN_SECONDS: '1', MAIL_SWEEP_SECONDS: '1' };

const log = (message) => process.stderr.write(`${message}\n`);
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleepUntil = (at) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
const option = (argv, name) => argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);

/** True when the bench was asked for the mix (`--mix`, `--mix-capacity` or `--replicas=N`). */
export const mixRequested = (argv) => argv.includes('--mix') || argv.includes('--mix-capacity') || option(argv, 'replicas') !== undefined;

function settings(argv) {
  const quick = argv.includes('--quick');
  const count = (name, fallback) => {
    const value = Number(option(argv, name) ?? fallback);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not ${option(argv, name)}`);
    return value;
  };
  const replicas = count('replicas', 1);
  if (replicas > 2) throw new Error('--replicas: 1 or 2');
  return {
    quick,
    seconds: quick ? 15 : 60,
    interviewers: count('interviewers', 100),
    managers: count('managers', 10),
    replicas,
    capacity: argv.includes('--mix-capacity'),
    reminders: quick ? 100 : 300,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Data

/**
 * `count` users with one role set, each with a web session minted as the sign-in form would (a `web` token whose
 * SHA-256 is stored): argon2 at 0.4 s a login would take minutes for a thousand people. Returns `{ id, cookie }`.
 */
async function addSignedInUsers(url, { organizationId, roles, count, label }) {
  const users = Array.from({ length: count }, () => ({ id: randomUUID(), token: `lw_${randomBytes(32).toString('base64url')}` }));
  await sql(
    url,
    `WITH input AS (SELECT * FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS i(id, token_hash, n)),
     people AS (
       INSERT INTO users (id, organization_id, email, name, roles, timezone)
       SELECT id, $1, 'bench.' || $4::text || '.' || n || '@bench.test', 'Bench ' || $4::text || ' ' || n, $5::text[], 'Europe/Berlin' FROM input)
     INSERT INTO api_tokens (organization_id, user_id, kind, token_hash, expires_at)
     SELECT $1, id, 'web', decode(token_hash, 'hex'), now() + interval '7 days' FROM input`,
    [organizationId, users.map((user) => user.id), users.map((user) => createHash('sha256').update(user.token).digest('hex')), label, roles],
  );
  return users.map((user) => ({ id: user.id, cookie: `lw_session=${user.token}` }));
}

/** Runs `task` over `items`, `width` at a time. */
async function inParallel(items, width, task) {
  const results = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await task(items[index], index);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}

/** The team of the mix: managers with loops to read, a recruiter, a position of 100 packet loops, interviewers on demand. */
async function prepareTeam({ url, apiBase, signup, addUser, managers }) {
  const admin = await signup(apiBase, 'Bench Mix');
  const { organizationId } = admin;
  const { body: pillars } = await api(apiBase, 'GET', '/api/pillars', { token: admin.token });
  const pillarIds = pillars.map((pillar) => pillar.id);
  const recruiter = await addUser(apiBase, admin, 'mixrecruiter', ['recruiter']);
  const managerUsers = await addSignedInUsers(url, { organizationId, roles: ['hiring_manager'], count: Math.max(managers, 1), label: 'mixmanager' });
  const position = await addPosition(apiBase, admin, 'Bench Mix Engineer', managerUsers[0].id);
  const exportPosition = await addPosition(apiBase, admin, 'Bench Mix Export', managerUsers[0].id, { roleFamily: 'ml_engineer', level: 'staff' });
  // Loops held on past days, a submitted scorecard in every round: each manager reads one's plan and debrief.
  const panel = async (size, label) => (await addSignedInUsers(url, { organizationId, roles: ['interviewer'], count: size, label })).map((user) => user.id);
  const loopIds = await addPacketLoops(url, { organizationId, positionId: position.id, interviewerIds: await panel(4, 'mixpanel'), pillarIds, count: Math.max(managers, 1), label: 'mixplan' });
  await addPacketLoops(url, { organizationId, positionId: exportPosition.id, interviewerIds: await panel(6, 'mixexporter'), pillarIds, count: EXPORT_PACKETS, label: 'mixexport' });
  return {
    organizationId,
    pillarIds,
    positionId: position.id,
    exportPositionId: exportPosition.id,
    recruiterToken: recruiter.token,
    managers: managerUsers.map((manager, index) => ({ ...manager, loopId: loopIds[index % loopIds.length] })),
    interviewers: [],
    runs: 0,
  };
}

/** Grows the team's interviewers to `count`, each with a round held yesterday (2 planned questions) and a draft at version 1. */
async function ensureInterviewers(url, team, count) {
  const missing = count - team.interviewers.length;
  if (missing <= 0) return;
  const started = performance.now();
  const people = await addSignedInUsers(url, { organizationId: team.organizationId, roles: ['interviewer'], count: missing, label: `mixinterviewer${team.interviewers.length}` });
  const roundIds = await inParallel(people, 4, (person, index) =>
    addPageRound(url, {
      organizationId: team.organizationId,
      positionId: team.positionId,
      interviewerId: person.id,
      pillarIds: team.pillarIds.slice(0, 2),
      questionCount: 2,
      day: 1,
      label: `mix${team.interviewers.length + index}`,
    }),
  );
  team.interviewers.push(...people.map((person, index) => ({ ...person, roundId: roundIds[index], version: 1 })));
  log(`Added ${missing} interviewers with a draft each in ${round((performance.now() - started) / 1000)} s`);
}

/**
 * `count` interviewer seats whose first reminder (round end + 1 h) falls due between 2 s after `startsAt` and 3 s before
 * the run ends, spread evenly: their ladder was worked out at the round's end, so the next scan takes each when it comes.
 * One interviewer, candidate and loop per seat. Returns the round ids.
 */
async function addDueDuringRun(url, team, { count, startsAt, seconds }) {
  team.runs += 1;
  const interviewerIds = (await addSignedInUsers(url, { organizationId: team.organizationId, roles: ['interviewer'], count, label: `mixreminded${team.runs}` })).map((user) => user.id);
  const rows = await sql(
    url,
    `WITH slots AS (
       SELECT n, interviewer_id, gen_random_uuid() AS candidate_id, gen_random_uuid() AS loop_id, gen_random_uuid() AS round_id,
              $3::timestamptz - interval '1 hour' + interval '2 seconds' + (n - 1) * ($4::double precision / $5::int) * interval '1 second' AS ends_at
         FROM unnest($6::uuid[]) WITH ORDINALITY AS s(interviewer_id, n)),
     candidates AS (
       INSERT INTO candidates (id, organization_id, name, email)
       SELECT candidate_id, $1, 'Reminded Candidate ' || n, 'mix.reminded.' || $7::int || '.' || n || '@example.test' FROM slots),
     loops AS (
       INSERT INTO loops (id, organization_id, candidate_id, position_id, status)
       SELECT loop_id, $1, candidate_id, $2, 'scheduled' FROM slots),
     rounds AS (
       INSERT INTO loop_rounds (id, organization_id, loop_id, position, title, pillar_ids, starts_at, ends_at, interviewer_id, scorecard_status,
                                reminder_user_id, reminder_ends_at, next_reminder_at)
       SELECT round_id, $1, loop_id, 0, 'Technical round', '{}', ends_at - interval '45 minutes', ends_at, interviewer_id, 'not_started',
              interviewer_id, ends_at, ends_at + interval '1 hour'
         FROM slots)
     SELECT round_id FROM slots`,
    [team.organizationId, team.positionId, new Date(startsAt), Math.max(1, seconds - 5), count, interviewerIds, team.runs],
  );
  return rows.map((row) => row.round_id);
}

// ---------------------------------------------------------------------------------------------------------------
// The load

const agent = new Agent({ keepAlive: true });

/** One request over a kept-alive connection; resolves (never rejects) with its status (0: a network error) and time. */
function send(base, { method = 'GET', path: route, headers = {}, body, keep = false }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (status, extra = {}) => resolve({ status, ms: performance.now() - started, started, ...extra });
    const outgoing = httpRequest(
      `${base}${route}`,
      { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } },
      (answer) => {
        const chunks = [];
        let bytes = 0;
        answer.on('data', (chunk) => {
          bytes += chunk.length;
          if (keep) chunks.push(chunk);
        });
        answer.on('error', (error) => done(0, { error: error.message }));
        answer.on('end', () => done(answer.statusCode, { headers: answer.headers, bytes, text: keep ? Buffer.concat(chunks).toString('utf8') : null }));
      },
    );
    outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    outgoing.on('error', (error) => done(0, { error: error.message }));
    outgoing.end(body);
  });
}

/** Latencies and failures per action; requests/s counts the requests started within the window. */
function recorder(windowEndsAt) {
  const actions = new Map();
  const failures = [];
  return {
    async timed(action, base, requestOptions) {
      const answer = await send(base, requestOptions);
      const entry = actions.get(action) ?? { latencies: [], errors: 0, inWindow: 0 };
      actions.set(action, entry);
      entry.latencies.push(answer.ms);
      if (answer.started < windowEndsAt) entry.inWindow += 1;
      const ok = answer.status >= 200 && answer.status < 300;
      if (!ok) {
        entry.errors += 1;
        if (failures.length < 5) failures.push(`${action}: ${answer.status || answer.error}`);
      }
      return { ...answer, ok };
    },
    summary(seconds) {
      const percentile = (sorted, share) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
      const rows = [...actions].map(([action, entry]) => {
        const sorted = [...entry.latencies].sort((a, b) => a - b);
        return { action, requests: sorted.length, p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)), errors: entry.errors };
      });
      const inWindow = [...actions.values()].reduce((sum, entry) => sum + entry.inWindow, 0);
      return { actions: rows, rps: round(inWindow / seconds), errors: rows.reduce((sum, row) => sum + row.errors, 0), failures };
    },
  };
}

/** An interviewer on the round page: opens it, autosaves every `paceMs` (the version each save answers goes with the next). */
async function interviewer(person, { base, record, startsAt, endsAt, paceMs, offsetMs, notes }) {
  const route = `/app/rounds/${person.roundId}`;
  const headers = { cookie: person.cookie };
  // Late (the answer took longer than the pace): the next one at once, as autosave does, never a burst to catch up.
  for (let save = 0, at = startsAt + offsetMs; at < endsAt; save += 1, at = Math.max(at + paceMs, performance.now())) {
    await sleepUntil(at);
    if (performance.now() >= endsAt) return;
    if (save % PAGE_EVERY === 0) await record.timed('GET /app/rounds/:id (round page)', base, { path: route, headers });
    const form = new URLSearchParams({ version: String(person.version), [notes]: `Explained the trade-offs of the retrieval design (${save}).` });
    const saved = await record.timed('POST /app/rounds/:id/scorecard (autosave)', base, {
      method: 'POST',
      path: `${route}/scorecard`,
      headers: { ...headers, 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (saved.ok) person.version = Number(saved.headers['x-scorecard-version']);
  }
}

/** A hiring manager opening their loop's plan, then its debrief, one page every `paceMs`. */
async function manager(person, { base, record, startsAt, endsAt, paceMs, offsetMs }) {
  const pages = [
    ['GET /app/loops/:id (loop plan)', `/app/loops/${person.loopId}`],
    ['GET /app/loops/:id/debrief (debrief)', `/app/loops/${person.loopId}/debrief`],
  ];
  for (let visit = 0, at = startsAt + offsetMs; at < endsAt; visit += 1, at = Math.max(at + paceMs, performance.now())) {
    await sleepUntil(at);
    if (performance.now() >= endsAt) return;
    const [action, route] = pages[visit % pages.length];
    await record.timed(action, base, { path: route, headers: { cookie: person.cookie } });
  }
}

/** The recruiter: one bulk PDF export of the position, its progress polled every second until done, then the zip. */
async function recruiter(team, { base, record, timeoutMs = 600_000 }) {
  const headers = { authorization: `Bearer ${team.recruiterToken}` };
  const began = performance.now();
  const created = await record.timed(`POST /api/exports (${EXPORT_PACKETS} PDFs)`, base, {
    method: 'POST',
    path: '/api/exports',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ positionId: team.exportPositionId, format: 'pdf' }),
    keep: true,
  });
  if (!created.ok) return { exportId: null, status: 'refused', seconds: null };
  const exportId = JSON.parse(created.text).id;
  let status = 'queued';
  while (status !== 'done' && status !== 'failed') {
    if (performance.now() - began > timeoutMs) return { exportId, status: `${status} after ${timeoutMs / 1000} s`, seconds: null };
    await sleepUntil(performance.now() + EXPORT_POLL_MS);
    const polled = await record.timed('GET /api/exports/:id (progress)', base, { path: `/api/exports/${exportId}`, headers, keep: true });
    if (polled.ok) status = JSON.parse(polled.text).status;
  }
  const seconds = round((performance.now() - began) / 1000);
  if (status === 'done') await record.timed('GET /api/exports/:id/download (zip)', base, { path: `/api/exports/${exportId}/download`, headers });
  return { exportId, status, seconds };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

/** The API processes and workers of a run, and the SMTP sink the workers mail to. */
async function startServices(url) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-bench-mix-'));
  const sink = await startSink();
  const apis = [];
  const workers = [];
  // One data directory for every process: a worker writes the archive that any API process serves.
  const environment = { ALLOW_SIGNUP: 'true', DATA_DIR: dataDir, SMTP_URL: sink.url };
  return {
    dataDir,
    sink,
    apis,
    workers,
    addApi: async () => {
      const server = await startApi({ url, port: await freePort(), environment });
      apis.push(server);
      return server;
    },
    /** A worker, once it has subscribed to its queues. */
    addWorker: async () => {
      const child = startWorker(url, dataDir, { ...environment, ...WORKER_ENVIRONMENT });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      workers.push({ child, exited });
      await child.ready;
    },
    stop: async () => {
      for (const { child, exited } of workers) {
        child.kill('SIGTERM');
        await exited;
      }
      for (const server of apis) await server.stop();
      await sink.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Runs and checks

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * Once the run's reminders are out (or a minute has passed): each reminded seat mailed once (one outbox row, sent, taken
 * by one sender) and delivered once to the sink; the export done by one attempt (one pg-boss job, never retried, one
 * `export.completed` event).
 */
async function doneOnce(url, team, { remindedRounds, exportId, sink }) {
  const reminders = remindedRounds.length === 0 ? null : await remindersOnce(url, team, remindedRounds, sink);
  if (!exportId) return { reminders, export: null };
  const [exported] = await sql(
    url,
    `WITH jobs AS (
       SELECT retry_count FROM pgboss.job WHERE name = 'packet-exports' AND data->>'exportId' = $1
       UNION ALL SELECT retry_count FROM pgboss.archive WHERE name = 'packet-exports' AND data->>'exportId' = $1)
     SELECT e.status, (SELECT count(*)::int FROM jobs) AS jobs, (SELECT coalesce(max(retry_count), 0)::int FROM jobs) AS retries,
            (SELECT count(*)::int FROM domain_events d WHERE d.type = 'export.completed' AND d.payload->>'exportId' = $1) AS completions
       FROM packet_exports e WHERE e.id = $1::uuid`,
    [exportId],
  );
  return { reminders, export: { ...exported, once: exported.status === 'done' && exported.jobs === 1 && exported.retries === 0 && exported.completions === 1 } };
}

async function remindersOnce(url, team, remindedRounds, sink) {
  const deadline = performance.now() + 60_000;
  const seats = () =>
    sql(
      url,
      `SELECT split_part(idempotency_key, ':', 2) AS round_id, count(*)::int AS rows, bool_and(status = 'sent') AS sent,
              max(attempts)::int AS attempts, min(recipient_address) AS address
         FROM mail_outbox WHERE organization_id = $1 AND kind = 'reminder' AND split_part(idempotency_key, ':', 2) = ANY($2::text[])
        GROUP BY 1`,
      [team.organizationId, remindedRounds],
    );
  let rows = await seats();
  while ((rows.length < remindedRounds.length || !rows.every((row) => row.sent)) && performance.now() < deadline) {
    await sleepUntil(performance.now() + 500);
    rows = await seats();
  }
  const deliveries = new Map();
  for (const address of sink.recipients()) deliveries.set(address, (deliveries.get(address) ?? 0) + 1);
  const result = {
    seats: remindedRounds.length,
    mailed: rows.length,
    sent: rows.filter((row) => row.sent).length,
    twiceInOutbox: rows.filter((row) => row.rows > 1).length,
    takenTwice: rows.filter((row) => row.attempts > 1).length,
    deliveredTwice: rows.filter((row) => (deliveries.get(row.address) ?? 0) > 1).length,
    delivered: rows.filter((row) => (deliveries.get(row.address) ?? 0) === 1).length,
  };
  return { ...result, once: result.sent === result.seats && result.delivered === result.seats && result.twiceInOutbox + result.takenTwice + result.deliveredTwice === 0 };
}

/**
 * One mix of `seconds` on `base`: `interviewers` and `managers` at `paceMs` (0: closed loop, no think time), the
 * recruiter's export (`exportPdfs`), and `reminders` seats falling due during it.
 */
async function mixRun({ url, base, team, sink, interviewers, managers, seconds, paceMs = PACE_MS, exportPdfs = true, reminders = 0, label }) {
  await ensureInterviewers(url, team, interviewers);
  const plannedAt = Date.now() + 1_000;
  const remindedRounds = reminders > 0 ? await addDueDuringRun(url, team, { count: reminders, startsAt: plannedAt, seconds }) : [];
  const startsAt = performance.now() + Math.max(0, plannedAt - Date.now());
  const endsAt = startsAt + seconds * 1000;
  const record = recorder(endsAt);
  const context = { base, record, startsAt, endsAt, paceMs, notes: `notes:${team.pillarIds[0]}` };
  const spread = (index, total) => Math.floor((index / total) * paceMs);
  const crowd = team.interviewers.slice(0, interviewers);
  const staff = team.managers.slice(0, managers);
  log(`${label}: ${crowd.length} interviewers, ${staff.length} managers${exportPdfs ? `, an export of ${EXPORT_PACKETS} PDFs` : ''} for ${seconds} s...`);
  const exporting = exportPdfs ? sleepUntil(startsAt).then(() => recruiter(team, { base, record })) : Promise.resolve(null);
  await Promise.all([
    ...crowd.map((person, index) => interviewer(person, { ...context, offsetMs: spread(index, crowd.length) })),
    ...staff.map((person, index) => manager(person, { ...context, offsetMs: spread(index, staff.length) })),
  ]);
  const load = loadAverage();
  const exported = await exporting;
  const checks = await doneOnce(url, team, { remindedRounds, exportId: exported?.exportId, sink });
  return { label, interviewers: crowd.length, managers: staff.length, seconds, paceMs, loadAverage: load, ...record.summary(seconds), exported, checks };
}

const autosaveOf = (result) => result.actions.find((row) => row.action.includes('(autosave)'));

/** Steps N up until the autosave p99 reaches the limit (or a request fails), then bisects between the last two steps. */
async function findCapacity(measure) {
  const steps = [];
  const step = async (interviewers) => {
    const result = await measure(interviewers);
    const autosave = autosaveOf(result);
    const within = result.errors === 0 && autosave.p99Ms < AUTOSAVE_P99_LIMIT_MS;
    steps.push({ interviewers, autosaveP99Ms: autosave.p99Ms, rps: result.rps, errors: result.errors, within, loadAverage: result.loadAverage, exportSeconds: result.exported?.seconds ?? null });
    log(`  N=${interviewers}: autosave p99 ${autosave.p99Ms} ms, ${result.rps} requests/s, ${result.errors} errors (load ${result.loadAverage}) -> ${within ? 'within' : 'over'}`);
    return within;
  };
  let good = 0;
  let bad = null;
  for (const interviewers of CAPACITY_STEPS) {
    if (await step(interviewers)) good = interviewers;
    else {
      bad = interviewers;
      break;
    }
  }
  for (let bisection = 0; bad !== null && bisection < BISECTIONS && bad - good > Math.max(1, good / 10); bisection += 1) {
    const middle = Math.round((good + bad) / 2);
    if (await step(middle)) good = middle;
    else bad = middle;
  }
  return { capacity: good, firstOver: bad, steps };
}

/** Closed-loop throughput through `proxies[0]` (one replica) and `proxies[1]` (two), in alternating slices. */
async function throughputRatio(run, proxies, seconds) {
  const totals = proxies.map(() => ({ requests: 0, seconds: 0, errors: 0 }));
  let last = null;
  const users = () => `${last.interviewers} interviewers and ${last.managers} managers`;
  for (let slice = 0; slice < 2; slice += 1)
    for (const [index, proxy] of proxies.entries()) {
      const result = await run({ base: proxy.base, ...SATURATION, seconds: seconds / 2, paceMs: 0, exportPdfs: false, label: `throughput, ${index + 1} replica(s), slice ${slice + 1}` });
      last = result;
      totals[index].requests += result.rps * result.seconds;
      totals[index].seconds += result.seconds;
      totals[index].errors += result.errors;
    }
  const [one, two] = totals.map((total) => ({ rps: round(total.requests / total.seconds), errors: total.errors }));
  return { users: users(), oneReplicaRps: one.rps, twoReplicasRps: two.rps, ratio: round(two.rps / one.rps, 2), errors: one.errors + two.errors, loadAverage: loadAverage() };
}

function printMix(result) {
  const header = ['action', 'requests', 'p50 ms', 'p99 ms', 'errors'];
  const table = result.actions.map((row) => [row.action, row.requests, row.p50Ms, row.p99Ms, row.errors]);
  const widths = header.map((title, index) => Math.max(title.length, ...table.map((row) => String(row[index]).length)));
  const line = (cells) => cells.map((cell, index) => String(cell).padEnd(widths[index])).join('  ');
  const out = [`\n${result.label}: ${result.interviewers} interviewers, ${result.managers} managers, ${result.seconds} s (load ${result.loadAverage})`];
  out.push(line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...table.map(line));
  out.push(`${result.rps} requests/s; errors (non-2xx and network): ${result.errors}${result.failures.length ? ` (${result.failures.join('; ')})` : ''}`);
  if (result.exported) out.push(`Export of ${EXPORT_PACKETS} PDFs: ${result.exported.status} in ${result.exported.seconds ?? '-'} s (the mix ran ${result.seconds} s)`);
  const { reminders, export: exported } = result.checks;
  if (reminders)
    out.push(
      `Reminders due during the run: ${reminders.sent}/${reminders.seats} sent, ${reminders.delivered} delivered once; twice in the outbox ${reminders.twiceInOutbox}, ` +
        `taken by two senders ${reminders.takenTwice}, delivered twice ${reminders.deliveredTwice} -> ${reminders.once ? 'each once' : 'NOT ONCE'}`,
    );
  if (exported)
    out.push(`Export done once: ${exported.status}, ${exported.jobs} job(s), ${exported.retries} retries, ${exported.completions} completion event(s) -> ${exported.once ? 'yes' : 'NO'}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `npm run bench -- --mix …`: `signup` and `addUser` are the runner's. */
export async function runMix({ argv, signup, addUser }) {
  const options = settings(argv);
  const began = Date.now();
  const built = await loadBuilt();
  log('Preparing the bench database...');
  const database = await prepareBenchDatabase(built);
  const services = await startServices(database.url);
  const results = { generatedAt: new Date().toISOString(), mode: options.quick ? 'quick' : 'full', options };
  try {
    const first = await services.addApi();
    await services.addWorker();
    const team = await prepareTeam({ url: database.url, apiBase: first.base, signup, addUser, managers: options.managers });
    const run = (overrides) =>
      mixRun({ url: database.url, team, sink: services.sink, interviewers: options.interviewers, managers: options.managers, seconds: options.seconds, ...overrides });
    // A fresh process compiles its templates and warms its JIT on its first requests: not what is measured.
    const warmUp = (base) => run({ base, interviewers: Math.min(10, options.interviewers), managers: Math.min(4, options.managers), seconds: 3, paceMs: 250, exportPdfs: false, label: 'Warm-up' });
    await warmUp(first.base);
    if (options.capacity) {
      log(`Capacity: autosave p99 under ${AUTOSAVE_P99_LIMIT_MS} ms, ${options.managers} managers and the export alongside...`);
      results.capacity = await findCapacity((interviewers) => run({ base: first.base, interviewers, label: `capacity N=${interviewers}` }));
      process.stdout.write(
        `\nCapacity: ${results.capacity.capacity} interviewers at once with the autosave p99 under ${AUTOSAVE_P99_LIMIT_MS} ms` +
          `${results.capacity.firstOver ? ` (over at ${results.capacity.firstOver})` : ' (the largest step tried)'}\n` +
          results.capacity.steps.map((step) => `  N=${step.interviewers}: p99 ${step.autosaveP99Ms} ms, ${step.rps} requests/s, ${step.errors} errors, load ${step.loadAverage}`).join('\n') +
          '\n',
      );
    } else if (options.replicas === 2) {
      const second = await services.addApi();
      await warmUp(second.base);
      const proxies = [await startProxy(await freePort(), [first.base]), await startProxy(await freePort(), [first.base, second.base])];
      try {
        results.oneReplica = await run({ base: proxies[0].base, reminders: options.reminders, label: 'Mix, one API + one worker (through the proxy)' });
        printMix(results.oneReplica);
        await services.addWorker();
        results.twoReplicas = await run({ base: proxies[1].base, reminders: options.reminders, label: 'Mix, two APIs + two workers (round-robin proxy)' });
        printMix(results.twoReplicas);
        results.throughput = await throughputRatio(run, proxies, options.quick ? 10 : 30);
        const { throughput } = results;
        process.stdout.write(
          `\nThroughput, ${throughput.users} without think time: one replica ${throughput.oneReplicaRps} requests/s, ` +
            `two ${throughput.twoReplicasRps} (ratio ${throughput.ratio}; ${throughput.errors} errors; load ${throughput.loadAverage})\n`,
        );
      } finally {
        for (const proxy of proxies) await proxy.stop();
      }
    } else {
      results.mix = await run({ base: first.base, reminders: options.reminders, label: 'Mix' });
      printMix(results.mix);
    }
  } finally {
    await services.stop();
    await database.stop();
  }
  results.totalSeconds = round((Date.now() - began) / 1000);
  const file = options.quick ? path.join(tmpdir(), 'loopwright-bench-mix.json') : path.join(root, 'test/bench/mix-results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`Wrote ${path.relative(root, file)} (${results.totalSeconds} s in all)`);
}

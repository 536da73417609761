// Shared pieces of the benchmarks: the database, the API under test, the bare baseline, the load generator.
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

export const root = process.cwd();
const dist = (file) => path.join(root, 'dist', file);

export async function loadBuilt() {
  execFileSync('node', [path.join(root, 'scripts/build-if-needed.mjs')], { stdio: 'inherit' });
  const database = await import(dist('libs/database/src/index.js'));
  const { createCliDataSource } = await import(dist('apps/api/src/data-source.js'));
  return { database, createCliDataSource };
}

// LOOPWRIGHT_TEST_DB_SUFFIX keeps two bench runs on one server apart, as it does for tests.
const runSuffix = (process.env.LOOPWRIGHT_TEST_DB_SUFFIX ?? '').replace(/[^a-z0-9_]/gi, '').toLowerCase();
const BENCH_DATABASE = runSuffix ? `loopwright_bench_${runSuffix}` : 'loopwright_bench';

/** A fresh, migrated `loopwright_bench[_suffix]` database on DATABASE_URL's server, or on an embedded one. */
export async function prepareBenchDatabase({ database, createCliDataSource }) {
  let embedded = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await database.startEmbeddedPostgres({ dataDir: path.join(root, '.data/bench-postgres'), port: 54341, log: () => {} });
    serverUrl = embedded.url;
  }
  await database.recreateDatabase(serverUrl, BENCH_DATABASE);
  const url = database.withDatabase(serverUrl, BENCH_DATABASE);
  const dataSource = createCliDataSource(url);
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  return { url, stop: async () => embedded?.stop() };
}

/** A TCP port nobody listens on now (the API and the baseline of another bench run may hold the usual ones). */
export async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts the built API in production mode with statement counting. */
export async function startApi({ url, port, environment = {} }) {
  // BENCH_CPU_PROF=<dir>: the API writes a CPU profile there when it stops (read it with profile-summary.mjs).
  const profiling = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn('node', [...profiling, dist('apps/api/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      QUERY_COUNTING: 'true',
      SEED_DEMO: 'false',
      MIGRATE_ON_START: 'false',
      // The limiter still counts every request (its statement is part of what is measured); it just never refuses here.
      RATE_LIMIT_ANONYMOUS: '1000000000',
      RATE_LIMIT_AUTHENTICATED: '1000000000',
      ...environment,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // A loaded machine (other builds and tests on the two cores) has taken a minute to boot it: wait for it, not a guess.
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let healthy = false; !healthy; ) {
    if (exited) throw new Error('the API exited before it answered /health');
    healthy = await fetch(`${base}/health`).then((response) => response.ok, () => false);
    if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

// Linux counts a process's CPU time in clock ticks of 10 ms (USER_HZ = 100 on every architecture Node runs on).
const MS_PER_TICK = 10;

/** CPU milliseconds (user + system) a process has used so far, from /proc; null where there is no /proc. */
export function processCpuMs(pid) {
  try {
    // The command name may hold spaces: the fields after it start behind the last ')'; utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return null;
  }
}

/** CPU milliseconds this process (the load generator, and the bare baseline when it runs here) has used so far. */
export function ownCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The built worker on the bench database with a data directory of its own (the API's, when it serves the downloads). */
/**
 * The built worker. `child.ready` resolves once it has subscribed to its queues: its startup line "waiting for jobs"
 * comes after every onApplicationBootstrap (where the workers subscribe). It logs at info for that one line; its
 * other info lines are one per export, not per packet.
 */
export function startWorker(url, dataDir, environment = {}) {
  const child = spawn('node', [dist('apps/worker/src/main.js')], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, DATA_DIR: dataDir, MIGRATE_ON_START: 'false', LOG_LEVEL: 'info', SEED_DEMO: 'false', ...environment },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.ready = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('waiting for jobs')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before it was ready`)));
  });
  return child;
}

/**
 * `fetch`'s answer shape over node:http, whose header limit can be raised: a route's captured statements (`x-sql-log`)
 * outgrow fetch's 16 KB limit on headers.
 */
function requestWithLargeHeaders(url, { method, headers, body }) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, maxHeaderSize: 4 * 1024 * 1024 }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          ok: response.statusCode >= 200 && response.statusCode < 300,
          status: response.statusCode,
          headers: { get: (name) => response.headers[name.toLowerCase()] ?? null, all: response.headers },
          text: async () => text,
        });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** One request; `headers` adds to them (a page's session cookie), `form` sends an urlencoded body instead of JSON. */
export async function api(base, method, route, { token, body, form, capture, headers = {} } = {}) {
  const response = await (capture ? requestWithLargeHeaders : fetch)(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...(capture ? { 'x-capture-sql': '1' } : {}),
      ...headers,
    },
    body: form ? new URLSearchParams(form).toString() : body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 300)}`);
  return {
    body: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text || null,
    statements: Number(response.headers.get('x-sql-statements')),
    statementsTotal: Number(response.headers.get('x-sql-statements-total')),
    sql: capture ? JSON.parse(Buffer.from(response.headers.get('x-sql-log') ?? 'W10=', 'base64').toString('utf8')) : null,
    // The answer's headers (captured requests only), for a baseline that answers with the same ones.
    responseHeaders: capture ? response.headers.all : null,
  };
}

// Headers node:http writes itself or that differ per request (the request id is made afresh), and bench-only ones.
const PER_REQUEST_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-type', 'x-request-id']);

/** The headers of a captured answer that a bare server serving the same response sends as they are. */
function fixedHeaders(headers) {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !PER_REQUEST_HEADERS.has(name) && !name.startsWith('x-sql-')));
}

const revive = (value) => (value && typeof value === 'object' && value.type === 'Buffer' && Array.isArray(value.data) ? Buffer.from(value.data) : value);

const prepare = (statements) => statements.map((statement) => ({ text: statement.sql, values: statement.parameters.map(revive) }));

/** A new position `title` (an AI engineer's, senior, unless told) of the hiring manager `hiringManagerId`, made by `caller`; its body. */
export async function addPosition(base, caller, title, hiringManagerId, { roleFamily = 'ai_engineer', level = 'senior' } = {}) {
  const { body } = await api(base, 'POST', '/api/positions', { token: caller.token, body: { title, roleFamily, level, hiringManagerId } });
  return body;
}
/**
 * Captured statements with some parameter values swapped (`{ [captured value]: value }`): the same SQL for another
 * row, e.g. another round and its current version.
 */
export function substitute(statements, replacements) {
  return statements.map((statement) => ({
    ...statement,
    parameters: statement.parameters.map((value) => (Object.hasOwn(replacements, String(value)) ? replacements[String(value)] : value)),
  }));
}

const readBody = (request) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * The bare baseline: node:http and a pg pool of the same size, issuing exactly the captured statements
 * of one API request (authentication included), in order, and answering the last result as JSON.
 * `statementsFor(path, body)` gives the statements of requests whose path was not captured as such (writes);
 * `respond(rows)`, when given, makes the answer from the last result instead (e.g. renders a template; its `headers`
 * are added). `responseHeaders`: the API's answer's headers (`api(..., { capture: true }).responseHeaders`), sent
 * alike (its security headers, cache policy, CSP; a fresh request id), so that both write the same response.
 */
export async function startBaseline({ url, port, statementsByPath = {}, statementsFor, respond, responseHeaders = null, poolSize = 10 }) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const fixed = fixedHeaders(responseHeaders);
  const requestId = Boolean(responseHeaders?.['x-request-id']);
  const preparedByPath = new Map(Object.entries(statementsByPath).map(([route, statements]) => [route, prepare(statements)]));
  // Requests still being answered: a load run that ends cuts its connections, not the statements under way.
  const inFlight = new Set();
  const server = createServer((request, response) => {
    const answered = answer(request, response).finally(() => inFlight.delete(answered));
    inFlight.add(answered);
  });
  async function answer(request, response) {
    const body = await readBody(request);
    const prepared = preparedByPath.get(request.url) ?? (statementsFor ? prepare(statementsFor(request.url, body) ?? []) : null);
    if (!prepared?.length) {
      response.writeHead(404);
      response.end();
      return;
    }
    const client = await pool.connect();
    try {
      let rows = [];
      for (const statement of prepared) rows = (await client.query(statement)).rows;
      const answer = respond ? await respond(rows) : { type: 'application/json', body: JSON.stringify(rows) };
      response.writeHead(200, { ...fixed, ...(requestId ? { 'x-request-id': randomUUID() } : {}), ...answer.headers, 'content-type': answer.type });
      response.end(answer.body);
    } catch (error) {
      if (prepared.some((statement) => /^START TRANSACTION|^BEGIN/i.test(statement.text))) await client.query('ROLLBACK').catch(() => {});
      response.writeHead(500);
      response.end(String(error));
    } finally {
      client.release();
    }
  }
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    /** Resolves once every request received so far has been answered (its statements done). */
    settled: () => Promise.allSettled([...inFlight]),
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

/**
 * Drives one URL at a fixed concurrency; rotates through several `paths` when given, or, with `next`, asks it for
 * every request's `{ path, body }` (a fresh target per request: writes). `headers` go with every request (a page's
 * session cookie); `form` sends the bodies urlencoded, as a page's form does.
 */
export async function load({ base, path: route, paths, next, token, method = 'GET', body, seconds, connections = 10, headers: extra = {}, form = false }) {
  const encode = form ? (value) => new URLSearchParams(value).toString() : JSON.stringify;
  const headers = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(body || next ? { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' } : {}),
    ...extra,
  };
  const requests = next
    ? [{ method, headers, setupRequest: (request) => { const target = next(); return { ...request, path: target.path, body: encode(target.body) }; } }]
    : (paths ?? [route]).map((each) => ({ method, path: each, headers, body: body ? JSON.stringify(body) : undefined }));
  const result = await autocannon({ url: base, connections, duration: seconds, requests });
  const failed = result.non2xx + result.errors + result.timeouts;
  // What the failures were: `{ 409: 1 }`, connection errors and timeouts under their own names.
  const failures = Object.fromEntries(
    [
      ...Object.entries(result.statusCodeStats ?? {}).filter(([status]) => !/^2/.test(status)).map(([status, { count }]) => [status, count]),
      ['errors', result.errors],
      ['timeouts', result.timeouts],
    ].filter(([, count]) => count > 0),
  );
  return { rps: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total, seconds: result.duration, failed, failures };
}

/**
 * Two rotations (`saveRotation`) over disjoint halves of `roundIds`: `api`'s for the API's runs, `baseline`'s for the
 * baseline's. A run ends by cutting its connections while the server still finishes the saves under way; on shared
 * rounds such a save could land after the next run's reset and make that run's first save of its round a correct 409
 * (a stale version) that no client caused. The baseline's own are awaited too (`startBaseline(...).settled()`).
 */
export function saveRotations(url, roundIds, requestFor) {
  const half = Math.ceil(roundIds.length / 2);
  return { api: saveRotation(url, roundIds.slice(0, half), requestFor), baseline: saveRotation(url, roundIds.slice(half), requestFor) };
}

/**
 * Draft saves that each win: request i saves round i mod n at version floor(i / n) + 1 (`requestFor` makes its
 * `{ path, body }`); `reset` puts the rounds' scorecards back at version 1 before a run (a request cut off at the end
 * of a run may or may not have been saved). `next()` starts a rotation for `load`.
 */
export function saveRotation(url, roundIds, requestFor) {
  return {
    reset: () => sql(url, 'UPDATE scorecards SET version = 1 WHERE round_id = ANY($1::uuid[])', [roundIds]),
    next: () => {
      let index = 0;
      return () => {
        const roundId = roundIds[index % roundIds.length];
        const version = Math.floor(index / roundIds.length) + 1;
        index += 1;
        return requestFor(roundId, version);
      };
    },
  };
}

export async function sql(url, text, values = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

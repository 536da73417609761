// Shared pieces of the benchmarks: the database, the API under test, the bare baseline, the load generator.
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import pg from 'pg';

export const root = process.cwd();
const dist = (file) => path.join(root, 'dist', file);

export async function loadBuilt() {
  execFileSync('node', [path.join(root, 'scripts/build-if-needed.mjs')], { stdio: 'inherit' });
  const database = await import(dist('libs/database/src/index.js'));
  const { createCliDataSource } = await import(dist('apps/api/src/data-source.js'));
  return { database, createCliDataSource };
}

/** A fresh, migrated `loopwright_bench` database on DATABASE_URL's server, or on an embedded one. */
export async function prepareBenchDatabase({ database, createCliDataSource }) {
  let embedded = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await database.startEmbeddedPostgres({ dataDir: path.join(root, '.data/bench-postgres'), port: 54341, log: () => {} });
    serverUrl = embedded.url;
  }
  await database.recreateDatabase(serverUrl, 'loopwright_bench');
  const url = database.withDatabase(serverUrl, 'loopwright_bench');
  const dataSource = createCliDataSource(url);
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  return { url, stop: async () => embedded?.stop() };
}

/** Starts the built API in production mode with statement counting. */
export async function startApi({ url, port, environment = {} }) {
  const child = spawn('node', [dist('apps/api/src/main.js')], {
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
      ...environment,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

export async function api(base, method, route, { token, body, capture } = {}) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(capture ? { 'x-capture-sql': '1' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 300)}`);
  return {
    body: text ? JSON.parse(text) : null,
    statements: Number(response.headers.get('x-sql-statements')),
    statementsTotal: Number(response.headers.get('x-sql-statements-total')),
    sql: capture ? JSON.parse(Buffer.from(response.headers.get('x-sql-log') ?? 'W10=', 'base64').toString('utf8')) : null,
  };
}

const revive = (value) => (value && typeof value === 'object' && value.type === 'Buffer' && Array.isArray(value.data) ? Buffer.from(value.data) : value);

/**
 * The bare baseline: node:http and a pg pool of the same size, issuing exactly the captured statements
 * of one API request (authentication included), in order, and answering the last result as JSON.
 */
export async function startBaseline({ url, port, statementsByPath, poolSize = 10 }) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const preparedByPath = new Map(
    Object.entries(statementsByPath).map(([route, statements]) => [route, statements.map((statement) => ({ text: statement.sql, values: statement.parameters.map(revive) }))]),
  );
  const transactional = [...preparedByPath.values()].flat().some((statement) => /^START TRANSACTION|^BEGIN/i.test(statement.text));
  const server = createServer(async (request, response) => {
    const prepared = preparedByPath.get(request.url);
    if (!prepared) {
      response.writeHead(404);
      response.end();
      return;
    }
    const client = await pool.connect();
    try {
      let rows = [];
      for (const statement of prepared) rows = (await client.query(statement)).rows;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(rows));
    } catch (error) {
      if (transactional) await client.query('ROLLBACK').catch(() => {});
      response.writeHead(500);
      response.end(String(error));
    } finally {
      client.release();
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

/** Drives one URL at a fixed concurrency; `requests` rotates through several paths when given. */
export async function load({ base, path: route, paths, token, method = 'GET', body, seconds, connections = 10 }) {
  const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) };
  const requests = (paths ?? [route]).map((each) => ({ method, path: each, headers, body: body ? JSON.stringify(body) : undefined }));
  const result = await autocannon({ url: base, connections, duration: seconds, requests });
  const failed = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total, failed };
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

// npm run bench [-- --quick]: the hot paths of the built API against a bare node:http + pg baseline
// issuing the same SQL, measured in the same run. Prints a table and writes test/bench/results.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { addQuestions, systemName } from './data.mjs';
import { api, load, loadBuilt, prepareBenchDatabase, root, startApi, startBaseline } from './harness.mjs';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 4 : 12;
const CONNECTIONS = 10;
const API_PORT = 3310;
const BASELINE_PORT = 3311;
const SIZES = { small: 1_000, large: 100_000 };

const log = (message) => process.stderr.write(`${message}\n`);
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function signup(base, name) {
  const email = `admin@${name.toLowerCase().replace(/\W+/g, '-')}.bench.test`;
  const { body } = await api(base, 'POST', '/api/auth/signup', { body: { orgName: name, name: 'Bench Admin', email, password: 'bench-password-1' } });
  return { token: body.token, organizationId: body.organization.id };
}

/** Measures one route on the API and on the baseline replaying that route's captured statements. */
async function measure({ name, url, apiBase, token, paths }) {
  await load({ base: apiBase, paths, token, seconds: 1, connections: CONNECTIONS }); // warm-up
  // Captured after the warm-up, so that one-off writes (a token's first use) are not replayed.
  const samples = await Promise.all(paths.map((route) => api(apiBase, 'GET', route, { token, capture: true })));
  const sample = samples[0];
  const apiRun = await load({ base: apiBase, paths, token, seconds: SECONDS, connections: CONNECTIONS });
  const baseline = await startBaseline({ url, port: BASELINE_PORT, statementsByPath: Object.fromEntries(paths.map((route, index) => [route, samples[index].sql])) });
  try {
    await load({ base: baseline.base, paths, seconds: 1, connections: CONNECTIONS });
    const baselineRun = await load({ base: baseline.base, paths, seconds: SECONDS, connections: CONNECTIONS });
    return {
      name,
      rps: round(apiRun.rps),
      p50Ms: apiRun.p50Ms,
      p99Ms: apiRun.p99Ms,
      baselineRps: round(baselineRun.rps),
      baselineP99Ms: baselineRun.p99Ms,
      ratio: round(apiRun.rps / baselineRun.rps, 2),
      sqlPerRequest: sample.statements,
      sqlPerRequestWithAuth: sample.statementsTotal,
      failed: apiRun.failed,
    };
  } finally {
    await baseline.stop();
  }
}

async function main() {
  const built = await loadBuilt();
  log('Preparing the bench database...');
  const database = await prepareBenchDatabase(built);
  const server = await startApi({ url: database.url, port: API_PORT, environment: { ALLOW_SIGNUP: 'true' } });
  const scenarios = [];
  try {
    const small = await signup(server.base, 'Bench Small');
    const large = await signup(server.base, 'Bench Large');
    let started = Date.now();
    await addQuestions(database.url, small.organizationId, SIZES.small);
    await addQuestions(database.url, large.organizationId, SIZES.large);
    log(`Generated ${SIZES.small} + ${SIZES.large} questions in ${round((Date.now() - started) / 1000)} s`);

    // Queries as people type them: a team's own term, a term with a topic, the hyphenated article term.
    const searches = [`/api/questions?q=${systemName(1234)}`, `/api/questions?q=${systemName(77)}%20latency`, '/api/questions?q=bias-variance', `/api/questions?q=${systemName(3001)}&pillar=coding`];
    const atSmall = await measure({ name: 'GET /api/questions?q= (1k)', url: database.url, apiBase: server.base, token: small.token, paths: searches });
    const atLarge = await measure({ name: 'GET /api/questions?q= (100k)', url: database.url, apiBase: server.base, token: large.token, paths: searches });
    scenarios.push({ ...atLarge, name: 'question search', p99At1k: atSmall.p99Ms, p99At100k: atLarge.p99Ms, at1k: atSmall });
    const broad = await measure({ name: 'GET /api/questions?q=<common phrase> (100k)', url: database.url, apiBase: server.base, token: large.token, paths: ['/api/questions?q=gradient%20descent'] });
    scenarios.push({ ...broad, name: 'question search, broad query' });

    scenarios.push(await measure({ name: 'GET /api/me', url: database.url, apiBase: server.base, token: small.token, paths: ['/api/me'] }));
  } finally {
    await server.stop();
    await database.stop();
  }

  const rows = scenarios.flatMap((scenario) => (scenario.at1k ? [scenario.at1k, { ...scenario, name: 'GET /api/questions?q= (100k)' }] : [scenario]));
  const header = ['scenario', 'rps', 'p50 ms', 'p99 ms', 'baseline rps', 'ratio', 'SQL/request (+auth)'];
  const table = rows.map((row) => [row.name, row.rps, row.p50Ms, row.p99Ms, row.baselineRps, row.ratio, `${row.sqlPerRequest} (${row.sqlPerRequestWithAuth})`]);
  const widths = header.map((title, index) => Math.max(title.length, ...table.map((row) => String(row[index]).length)));
  const line = (cells) => cells.map((cell, index) => String(cell).padEnd(widths[index])).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${table.map(line).join('\n')}\n`);
  const search = scenarios.find((scenario) => scenario.name === 'question search');
  if (search) process.stdout.write(`\nsearch p99 at 100k / p99 at 1k: ${round(search.p99At100k / Math.max(search.p99At1k, 1), 2)} (target <= 2)\n`);

  const results = {
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    secondsPerRun: SECONDS,
    connections: CONNECTIONS,
    scenarios: scenarios.map((scenario) => Object.fromEntries(Object.entries(scenario).filter(([key]) => key !== 'at1k'))),
  };
  writeFileSync(path.join(root, 'test/bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  log('Wrote test/bench/results.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

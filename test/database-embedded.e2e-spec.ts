import { jest } from '@jest/globals';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@loopwright/database';
import { unusedPort } from '@loopwright/testing';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

// initdb and a cold start of a real server on a shared two-core machine.
jest.setTimeout(180_000);

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const postmasterPid = (dataDir: string): number => Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function connectError(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  return client.connect().then(
    () => client.end().then(() => null),
    (error: unknown) => error,
  );
}

describe('database: the embedded PostgreSQL', () => {
  let root: string;
  const started: EmbeddedPostgres[] = [];
  const dataDirs: string[] = [];

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'loopwright-embedded-'));
    // As root the server runs as "postgres", which must be able to enter the directory.
    chmodSync(root, 0o755);
  });

  afterAll(async () => {
    for (const server of started) await server.stop().catch(() => undefined);
    for (const dataDir of dataDirs) {
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
        const pid = postmasterPid(dataDir);
        if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
      }
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('creates a cluster in a new data directory on a free port, serves it, and stops it', async () => {
    const dataDir = path.join(root, 'fresh');
    dataDirs.push(dataDir);
    const port = await unusedPort();
    const logged: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir, port, log: (message) => logged.push(message) });
    started.push(server);
    expect(server.owned).toBe(true);
    expect(server.url).toBe(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
    expect(logged).toEqual([`Creating the embedded PostgreSQL cluster in ${dataDir}`]);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(await query(server.url, "SELECT current_setting('port')::int AS port")).toEqual([{ port }]);
    const pid = postmasterPid(dataDir);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'loopwright-owner.json'), 'utf8'))).toEqual({ pid: process.pid, port });

    await server.stop();
    started.pop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'loopwright-owner.json'))).toBe(false);
    expect(await connectError(server.url)).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('joins a server whose owner is running, and stops one left behind by an owner killed with SIGKILL', async () => {
    const dataDir = path.join(root, 'stale');
    dataDirs.push(dataDir);
    const port = await unusedPort();
    // The owner: another Node process that starts the server (the built code, as `npm start` runs it) and stays up.
    const moduleUrl = pathToFileURL(path.resolve('dist/libs/database/src/embedded-postgres.js')).href;
    expect(existsSync(new URL(moduleUrl))).toBe(true);
    const script = path.join(root, 'owner.mjs');
    writeFileSync(
      script,
      `import { startEmbeddedPostgres } from ${JSON.stringify(moduleUrl)};
       const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, log: () => undefined });
       process.stdout.write(JSON.stringify({ url: server.url }) + '\\n');
       setInterval(() => undefined, 60_000);`,
    );
    const owner = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(owner, 'exit');
    const [firstLine] = (await once(owner.stdout!, 'data')) as [Buffer];
    expect(JSON.parse(firstLine.toString())).toEqual({ url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
    const stalePid = postmasterPid(dataDir);

    // While its owner runs, a second start shares the server instead of fighting over the data directory.
    const joinLog: string[] = [];
    const joined = await startEmbeddedPostgres({ dataDir, port: port + 1, log: (message) => joinLog.push(message) });
    expect(joined.owned).toBe(false);
    expect(joined.url).toBe(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
    expect(joinLog).toEqual([`Using the embedded PostgreSQL started by process ${owner.pid} on port ${port}`]);
    await joined.stop();
    expect(isAlive(stalePid)).toBe(true);

    // SIGKILL: no exit hook runs, so the server outlives its owner and keeps the data directory locked.
    owner.kill('SIGKILL');
    expect((await exited)[1]).toBe('SIGKILL');
    expect(isAlive(stalePid)).toBe(true);
    expect(await query(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);

    const logged: string[] = [];
    const server = await startEmbeddedPostgres({ dataDir, port, log: (message) => logged.push(message) });
    started.push(server);
    expect(logged).toEqual([`Stopping a stale embedded PostgreSQL (pid ${stalePid}) left by a process that did not shut down`]);
    expect(server.owned).toBe(true);
    expect(isAlive(stalePid)).toBe(false);
    const freshPid = postmasterPid(dataDir);
    expect(freshPid).not.toBe(stalePid);
    expect(isAlive(freshPid)).toBe(true);
    expect(await query(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);

    await server.stop();
    started.pop();
    expect(isAlive(freshPid)).toBe(false);
  });
});

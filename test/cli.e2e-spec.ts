import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The built CLI (`npm run cli -- …` runs the same file), as a user runs it. */
describe('CLI (built, in a child process)', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'loopwright-cli-'));
  const dataDir = path.join(scratch, 'data');

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const cli = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const result = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env, encoding: 'utf8', timeout: 100_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('--help names the program, lists the commands and the database settings, without touching a database', () => {
    const { status, stdout, stderr } = cli('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: loopwright \[options\] \[command\]/);
    expect(stdout).toContain('create-admin [options]');
    expect(stdout).toContain('import-questions [options] <file>');
    expect(stdout).toContain('DATABASE_URL');
    expect(stdout).toContain('EMBEDDED_POSTGRES_PORT');
    expect(stdout).toContain('npm run cli -- create-admin');
    expect(stdout + stderr).not.toContain('outputHelp');
    expect(stdout).not.toContain('Usage: main');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('shows the flags of one command', () => {
    const { status, stdout } = cli('create-admin', '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: loopwright create-admin [options]');
    expect(stdout).toContain('--org <name>');
    expect(stdout).toContain('--email <email>');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('says "unknown command" once and exits 1', () => {
    const { status, stdout, stderr } = cli('bogus');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.match(/unknown command 'bogus'/g)).toHaveLength(1);
    expect(existsSync(dataDir)).toBe(false);
  });
});

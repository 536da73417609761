// Builds the services when any source is newer than the last build, so `npm start` works on a fresh clone.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
// tsc's incremental build leaves unchanged outputs untouched, so the build time is kept in a stamp file.
const stamp = path.join(root, 'dist/.build-stamp');
const sources = ['apps', 'libs', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full, { recursive: true })
    .filter((file) => /\.(ts|mjs|json)$/.test(String(file)))
    .reduce((newest, file) => Math.max(newest, statSync(path.join(full, String(file))).mtimeMs), 0);
}

const builtAt = existsSync(stamp) && existsSync(path.join(root, 'dist/apps/api/src/main.js')) ? statSync(stamp).mtimeMs : 0;
if (sources.some((entry) => newestMtime(entry) > builtAt)) {
  process.stderr.write('Building Loopwright (sources changed since the last build)...\n');
  const startedAt = new Date();
  execFileSync('npx', ['nest', 'build', 'api'], { stdio: 'inherit' });
  writeFileSync(stamp, startedAt.toISOString());
  utimesSync(stamp, startedAt, startedAt);
}

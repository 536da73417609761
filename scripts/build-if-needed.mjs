// Builds the services when any source is newer than the last build, so `npm start` works on a fresh clone.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const builtEntry = path.join(root, 'dist/apps/api/src/main.js');
const sources = ['apps', 'libs', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full, { recursive: true })
    .filter((file) => String(file).endsWith('.ts') || String(file).endsWith('.json'))
    .reduce((newest, file) => Math.max(newest, statSync(path.join(full, String(file))).mtimeMs), 0);
}

const builtAt = existsSync(builtEntry) ? statSync(builtEntry).mtimeMs : 0;
if (sources.some((entry) => newestMtime(entry) > builtAt)) {
  process.stderr.write('Building Loopwright (sources changed since the last build)...\n');
  execFileSync('npx', ['nest', 'build', 'api'], { stdio: 'inherit' });
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The repository (or image) root that holds `templates/` and the seed data: the nearest folder above
 * this module whose package.json is Loopwright's, so the service works from any working directory.
 */
export function projectRoot(): string {
  if (cached) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'loopwright')
      return (cached = directory);
    const parent = path.dirname(directory);
    if (parent === directory) return (cached = process.cwd());
    directory = parent;
  }
}

import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';

const run = promisify(execFile);

export interface BundledChromium {
  executablePath: string;
  /** Added to Chromium's environment: its fonts and NSS libraries, so it needs no system package. */
  env: Record<string, string>;
}

/** The bin/ folder of the `@sparticuz/chromium` package, or null when it is not installed. */
function packageBin(): { bin: string; version: string } | null {
  try {
    const require = createRequire(path.join(process.cwd(), 'package.json'));
    const main = require.resolve('@sparticuz/chromium');
    let directory = path.dirname(main);
    while (!existsSync(path.join(directory, 'package.json')) || !existsSync(path.join(directory, 'bin'))) {
      const parent = path.dirname(directory);
      if (parent === directory) return null;
      directory = parent;
    }
    const { version } = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { version: string };
    return { bin: path.join(directory, 'bin'), version };
  } catch {
    return null;
  }
}

async function untar(brotliTar: string, into: string): Promise<void> {
  const child = run('tar', ['-x', '-C', into]);
  child.child.stdin?.end(brotliDecompressSync(readFileSync(brotliTar)));
  await child;
}

const inflights = new Map<string, Promise<BundledChromium>>();

/**
 * The Chromium shipped brotli-compressed inside the `@sparticuz/chromium` npm package (no download, no system
 * package). Unpacked on first use into `<tmp>/loopwright-chromium-<version>` (~200 MB, ~2 s): built in a staging
 * folder and renamed into place, so processes starting at once never see a half-written browser.
 */
export function bundledChromium(cacheDir: string = os.tmpdir()): Promise<BundledChromium> {
  const found = packageBin();
  if (!found) return Promise.reject(new Error('the @sparticuz/chromium package is not installed'));
  const target = path.join(cacheDir, `loopwright-chromium-${found.version}`);
  let inflight = inflights.get(target);
  if (!inflight) {
    inflight = unpack(found.bin, target).finally(() => inflights.delete(target));
    inflights.set(target, inflight);
  }
  return inflight;
}

function describe(target: string): BundledChromium {
  return {
    executablePath: path.join(target, 'chromium'),
    env: {
      FONTCONFIG_PATH: target,
      LD_LIBRARY_PATH: [path.join(target, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    },
  };
}

async function unpack(bin: string, target: string): Promise<BundledChromium> {
  if (existsSync(path.join(target, 'chromium'))) return describe(target);
  const staging = `${target}.${process.pid}.${Date.now()}.tmp`;
  await mkdir(staging, { recursive: true });
  try {
    await pipeline(
      createReadStream(path.join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(path.join(staging, 'chromium')),
    );
    await chmod(path.join(staging, 'chromium'), 0o755);
    // fonts/ (Open Sans) and lib/ (NSS, which Chromium loads at run time).
    await untar(path.join(bin, 'fonts.tar.br'), staging);
    if (existsSync(path.join(bin, 'al2023.tar.br'))) await untar(path.join(bin, 'al2023.tar.br'), staging);
    // The package's fonts.conf names Lambda paths: list its fonts and the system's.
    await writeFile(
      path.join(staging, 'fonts.conf'),
      '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
        `  <dir>${path.join(target, 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n  <dir>/usr/local/share/fonts</dir>\n` +
        `  <cachedir>${path.join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    try {
      await rename(staging, target);
    } catch (error) {
      // Another process finished first: use its copy.
      if (!existsSync(path.join(target, 'chromium'))) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return describe(target);
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface WebAsset {
  /** The URL path, with the content hash in the file name: `/assets/app.3f2a9c1b0d.css`. */
  url: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Served with the hash in the name, so a changed file gets a new URL and the old one may be cached for a year. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * The static files of the pages, read once at start and kept in memory (a few kilobytes): everything in
 * `templates/web/assets/` plus the pinned htmx from node_modules, each under a content-hashed URL.
 */
export class WebAssets {
  private readonly byName = new Map<string, WebAsset>();
  private readonly byUrl = new Map<string, WebAsset>();

  constructor(assetsDir: string, projectRoot: string) {
    const files = readdirSync(assetsDir)
      .filter((name) => CONTENT_TYPES[path.extname(name)] !== undefined)
      .map((name) => ({ name, file: path.join(assetsDir, name) }));
    const require = createRequire(path.join(projectRoot, 'package.json'));
    files.push({ name: 'htmx.min.js', file: require.resolve('htmx.org/dist/htmx.min.js') });
    for (const { name, file } of files) this.add(name, readFileSync(file));
  }

  /** The hashed URL of an asset by its plain name (`app.css`); throws for an unknown one, so a typo fails the first render. */
  url(name: string): string {
    const asset = this.byName.get(name);
    if (!asset) throw new Error(`No web asset named "${name}"`);
    return asset.url;
  }

  /** The asset at a hashed URL path, or undefined. */
  at(urlPath: string): WebAsset | undefined {
    return this.byUrl.get(urlPath);
  }

  private add(name: string, body: Buffer): void {
    const extension = path.extname(name);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const asset = {
      url: `/assets/${path.basename(name, extension)}.${hash}${extension}`,
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      body,
    };
    this.byName.set(name, asset);
    this.byUrl.set(asset.url, asset);
  }
}

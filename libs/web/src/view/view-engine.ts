import Handlebars from 'handlebars';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { WebAssets } from './web-assets.js';

/**
 * The pages' own Handlebars, apart from the packet sandbox's: `strict` (a field the view model lacks fails the
 * render instead of printing nothing), escaped output, and only the helpers registered here.
 */
export function createPageHandlebars(assets: WebAssets): typeof Handlebars {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('asset', (name: unknown) => {
    if (typeof name !== 'string') throw new Error('asset needs a file name');
    return assets.url(name);
  });
  return handlebars;
}

export const PAGE_COMPILE_OPTIONS: CompileOptions = { strict: true };

/** `partials/nav.hbs` → `{ nav: 'partials/nav.hbs' }`, as @fastify/view wants them (relative to the templates root). */
export function partialFiles(webTemplatesDir: string): Record<string, string> {
  const partialsDir = path.join(webTemplatesDir, 'partials');
  return Object.fromEntries(
    readdirSync(partialsDir)
      .filter((name) => name.endsWith('.hbs'))
      .map((name) => [path.basename(name, '.hbs'), path.join('partials', name)]),
  );
}

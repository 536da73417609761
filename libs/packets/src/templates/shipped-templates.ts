import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKET_FILE_EXTENSIONS, PACKET_TEMPLATE_FORMATS, type PacketFormat } from './template-formats.js';

export interface ShippedSource {
  name: string;
  source: string;
  /** SHA-256 of the source: compiled templates are cached by name and hash. */
  hash: string;
}

export interface ShippedTemplate extends ShippedSource {
  format: PacketFormat;
}

export interface ShippedTemplateSet {
  dir: string;
  templates: ShippedTemplate[];
  /** Partials by format: `round.html.hbs` is the HTML `round`, `round.md.hbs` the Markdown one, `note.hbs` both. */
  partials: Record<PacketFormat, Map<string, ShippedSource>>;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

const read = (file: string, name: string): ShippedSource => {
  const source = readFileSync(file, 'utf8');
  return { name, source, hash: createHash('sha256').update(source).digest('hex') };
};

/** The format of `<name>.<ext>.hbs`, `[name, undefined]` for a format-neutral `<name>.hbs`, null otherwise. */
function splitName(file: string): [string, PacketFormat | undefined] | null {
  if (!file.endsWith('.hbs')) return null;
  const stem = file.slice(0, -'.hbs'.length);
  for (const format of PACKET_TEMPLATE_FORMATS) {
    const suffix = `.${PACKET_FILE_EXTENSIONS[format]}`;
    if (stem.endsWith(suffix) && NAME.test(stem.slice(0, -suffix.length))) return [stem.slice(0, -suffix.length), format];
  }
  return NAME.test(stem) ? [stem, undefined] : null;
}

/**
 * Reads the shipped packet templates: `<dir>/<name>.html.hbs`, `<dir>/<name>.md.hbs` and the partials in
 * `<dir>/partials/`. `dir` is `<TEMPLATES_DIR>/packets`.
 */
export function loadShippedTemplates(dir: string): ShippedTemplateSet {
  if (!existsSync(dir)) throw new Error(`The packet templates directory ${dir} does not exist (check TEMPLATES_DIR)`);
  const templates: ShippedTemplate[] = [];
  for (const file of readdirSync(dir).sort()) {
    const parsed = splitName(file);
    if (parsed?.[1]) templates.push({ ...read(path.join(dir, file), parsed[0]), format: parsed[1] });
  }
  const partials: Record<PacketFormat, Map<string, ShippedSource>> = { html: new Map(), markdown: new Map() };
  const partialsDir = path.join(dir, 'partials');
  if (existsSync(partialsDir)) {
    const files = readdirSync(partialsDir).sort();
    // Format-neutral partials first, so that a format's own file wins.
    for (const file of [...files.filter((name) => !splitName(name)?.[1]), ...files.filter((name) => splitName(name)?.[1])]) {
      const parsed = splitName(file);
      if (!parsed) continue;
      const source = read(path.join(partialsDir, file), parsed[0]);
      for (const format of parsed[1] ? [parsed[1]] : PACKET_TEMPLATE_FORMATS) partials[format].set(parsed[0], source);
    }
  }
  return { dir, templates, partials };
}

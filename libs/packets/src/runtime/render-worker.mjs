// The render worker: renders custom (untrusted) packet templates off the main thread, in a piscina pool
// (RenderWorkerPool), so that a template that loops for long or grows huge can be stopped (the pool terminates
// this worker when the render is aborted) without blocking the API. One render at a time.
//
// workerData: { timeZone, partials: { html: {name: source}, markdown: {name: source} } }
// task in:    { format, source, viewModel, maxOutputBytes, started: MessagePort }; `started` gets one message
//             when the render begins (its time limit starts then), then is closed
// task out:   { ok: true, output } | { ok: false, error: { code, message, line?, column? } }
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';
import Handlebars from 'handlebars';
import { createPacketEnvironment, describeRenderError, OutputTooLargeError } from './packet-runtime.mjs';

// markdown-it is loaded on the markdown helper's first use, so that starting a worker stays quick.
const require = createRequire(import.meta.url);
const loadMarkdownIt = () => require('markdown-it');

// Denied prototype access renders empty; the warning Handlebars would print once per property is noise here.
Handlebars.logger.level = 'silent';

const environments = {
  html: createPacketEnvironment(Handlebars, {
    format: 'html',
    timeZone: workerData.timeZone,
    partials: workerData.partials.html,
    loadMarkdownIt,
  }),
  markdown: createPacketEnvironment(Handlebars, {
    format: 'markdown',
    timeZone: workerData.timeZone,
    partials: workerData.partials.markdown,
  }),
};

/** Compiled templates by format and source, least recently used first out. */
const CACHE_SIZE = 32;
const compiled = new Map();

function templateFor(format, source) {
  const key = `${format}\u0000${source}`;
  let template = compiled.get(key);
  if (template) {
    compiled.delete(key);
  } else {
    template = environments[format].compile(source);
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value);
  }
  compiled.set(key, template);
  return template;
}

export default function render(job) {
  job.started.postMessage(null);
  job.started.close();
  let template;
  try {
    if (!Object.prototype.hasOwnProperty.call(environments, job.format)) throw new Error(`Unknown format ${job.format}`);
    template = templateFor(job.format, job.source);
  } catch (error) {
    return { ok: false, error: describeRenderError(error, 'compile') };
  }
  try {
    const output = template(job.viewModel, job.maxOutputBytes);
    if (output.length > job.maxOutputBytes || Buffer.byteLength(output, 'utf8') > job.maxOutputBytes) {
      throw new OutputTooLargeError(job.maxOutputBytes);
    }
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: describeRenderError(error, 'render') };
  }
}

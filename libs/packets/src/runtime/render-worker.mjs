// The render worker: renders custom (untrusted) packet templates off the main thread, so that a template
// that loops for long or grows huge can be stopped (the main thread terminates this worker on timeout)
// without blocking the API. Started by PacketTemplateEngine; one job at a time.
//
// workerData: { timeZone, partials: { html: {name: source}, markdown: {name: source} } }
// message in:  { id, format, source, viewModel, maxOutputBytes }
// message out: { id, started: true } when it picks a job up (its time limit starts then), then
//              { id, ok: true, output } | { id, ok: false, error: { code, message, line?, column? } }
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
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

parentPort.on('message', (job) => {
  parentPort.postMessage({ id: job.id, started: true });
  let template;
  try {
    if (!Object.prototype.hasOwnProperty.call(environments, job.format)) throw new Error(`Unknown format ${job.format}`);
    template = templateFor(job.format, job.source);
  } catch (error) {
    parentPort.postMessage({ id: job.id, ok: false, error: describeRenderError(error, 'compile') });
    return;
  }
  try {
    const output = template(job.viewModel, job.maxOutputBytes);
    if (output.length > job.maxOutputBytes || Buffer.byteLength(output, 'utf8') > job.maxOutputBytes) {
      throw new OutputTooLargeError(job.maxOutputBytes);
    }
    parentPort.postMessage({ id: job.id, ok: true, output });
  } catch (error) {
    parentPort.postMessage({ id: job.id, ok: false, error: describeRenderError(error, 'render') });
  }
});

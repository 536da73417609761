// A round-robin HTTP proxy for the two-replica mix: node:http, keep-alive to each upstream, requests handed to the
// upstreams in turn. It runs in a process of its own (`node test/bench/proxy.mjs <port> <upstream>...`), as a load
// balancer would, so that its work is not the load generator's.
import { spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';

// Hop-by-hop headers belong to one connection, not to the request (RFC 9110, 7.6.1).
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'];

function serve(port, upstreams) {
  const agent = new Agent({ keepAlive: true });
  let turn = 0;
  const server = createServer((incoming, outgoing) => {
    const target = new URL(upstreams[turn++ % upstreams.length]);
    const headers = { ...incoming.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const client = incoming.socket.remoteAddress;
    headers['x-forwarded-for'] = incoming.headers['x-forwarded-for'] ? `${incoming.headers['x-forwarded-for']}, ${client}` : client;
    const forwarded = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers, agent }, (answer) => {
      const answerHeaders = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete answerHeaders[name];
      outgoing.writeHead(answer.statusCode, answerHeaders);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
}

/** Starts the proxy on `port` in front of `upstreams` (base URLs) and resolves once it listens. */
export async function startProxy(port, upstreams) {
  const child = spawn('node', [fileURLToPath(import.meta.url), String(port), ...upstreams], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`the proxy exited with ${code} before it listened`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve(Number(process.argv[2]), process.argv.slice(3));

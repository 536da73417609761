import { unusedPort } from '@loopwright/testing';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

interface Proxy {
  base: string;
  stop: () => Promise<void>;
}

/** An upstream that answers its name, the X-Forwarded-For it was sent and the body it got. */
async function upstream(name: string): Promise<{ base: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(name === 'b' && request.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-upstream': name });
      response.end(JSON.stringify({ name, forwardedFor: request.headers['x-forwarded-for'] ?? null, body: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { base: `http://127.0.0.1:${address.port}`, server };
}

describe("the two-replica bench's round-robin proxy (test/bench/proxy.mjs)", () => {
  const servers: Server[] = [];
  let proxy: Proxy;

  beforeAll(async () => {
    const a = await upstream('a');
    const b = await upstream('b');
    servers.push(a.server, b.server);
    // A plain script of the bench, not part of the build: loaded by its path.
    const { startProxy } = (await import(path.join(process.cwd(), 'test/bench/proxy.mjs'))) as { startProxy: (port: number, upstreams: string[]) => Promise<Proxy> };
    proxy = await startProxy(await unusedPort(), [a.base, b.base]);
  });

  afterAll(async () => {
    await proxy?.stop();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('hands requests to the upstreams in turn, with their bodies, statuses and the client address appended to X-Forwarded-For', async () => {
    const answers = [];
    for (let index = 0; index < 4; index += 1) {
      const response = await fetch(`${proxy.base}/echo`, { method: 'POST', body: `request ${index}`, headers: { 'x-forwarded-for': '203.0.113.9' } });
      answers.push({ status: response.status, ...((await response.json()) as { name: string; forwardedFor: string; body: string }) });
    }
    expect(answers.map((answer) => answer.name)).toEqual(['a', 'b', 'a', 'b']);
    expect(answers.map((answer) => answer.body)).toEqual(['request 0', 'request 1', 'request 2', 'request 3']);
    expect(answers.every((answer) => answer.status === 200 && answer.forwardedFor === '203.0.113.9, 127.0.0.1')).toBe(true);
    const first = await fetch(`${proxy.base}/missing`);
    const second = await fetch(`${proxy.base}/missing`);
    expect([first.status, second.status].sort()).toEqual([200, 404]);
  });
});

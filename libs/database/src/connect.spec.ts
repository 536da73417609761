import { createServer } from 'node:net';
import type { DataSourceOptions } from 'typeorm';
import { connectWithRetry, DatabaseUnreachableError } from './connect.js';

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const optionsFor = (port: number): DataSourceOptions => ({
  type: 'postgres',
  url: `postgres://postgres:secret@127.0.0.1:${port}/loopwright`,
  extra: { max: 1, connectionTimeoutMillis: 2_000 },
});

describe('connectWithRetry', () => {
  it('retries an unreachable server with exponential backoff, then gives up with a clear error', async () => {
    const port = await closedPort();
    let clock = 0;
    const delays: number[] = [];
    const logged: string[] = [];
    const error = await connectWithRetry(optionsFor(port), {
      retryForMs: 10_000,
      now: () => clock,
      // The injected wait advances the injected clock: no real time passes.
      sleep: async (ms) => {
        delays.push(ms);
        clock += ms;
      },
      log: (message) => logged.push(message),
    }).catch((caught: unknown) => caught);

    // 250, 500, 1000, 2000, 4000 (capped): at 7750 ms another 4000 ms wait would pass the 10 s budget.
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000]);
    expect(logged).toHaveLength(5);
    expect(logged[0]).toMatch(/PostgreSQL is not reachable yet .*retrying in 250 ms/);
    expect(error).toBeInstanceOf(DatabaseUnreachableError);
    const message = (error as Error).message;
    expect(message).toContain(`Could not reach PostgreSQL at 127.0.0.1:${port}/loopwright after 8 s`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain('Check DATABASE_URL');
    expect(message).not.toContain('secret');
  });

  it('caps the backoff at 4 s and uses the whole budget', async () => {
    const port = await closedPort();
    let clock = 0;
    const delays: number[] = [];
    await expect(
      connectWithRetry(optionsFor(port), {
        retryForMs: 20_000,
        now: () => clock,
        sleep: async (ms) => {
          delays.push(ms);
          clock += ms;
        },
      }),
    ).rejects.toThrow(DatabaseUnreachableError);
    // 250+500+1000+2000+4000+4000+4000 = 15750; one more 4000 would be 19750 <= 20000; then 23750 > 20000.
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000]);
  });
});

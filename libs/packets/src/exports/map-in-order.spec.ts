import { mapInOrder } from './map-in-order.js';

interface Call {
  item: string;
  resolve(value: string): void;
  reject(error: Error): void;
  settled: boolean;
}

/** A `map` whose calls finish only when the test says so; `calls` lists them in the order they were started. */
function controlledMap(): { calls: Call[]; map: (item: string) => Promise<string>; running: () => string[] } {
  const calls: Call[] = [];
  const map = (item: string): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const call: Call = {
        item,
        settled: false,
        resolve: (value) => {
          call.settled = true;
          resolve(value);
        },
        reject: (error) => {
          call.settled = true;
          reject(error);
        },
      };
      calls.push(call);
    });
  return { calls, map, running: () => calls.filter((call) => !call.settled).map((call) => call.item) };
}

/** Lets every promise callback already due run (no clock involved). */
const drain = async (): Promise<void> => {
  for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
};

describe('mapInOrder', () => {
  it('yields in the items’ order although later items finish first', async () => {
    const { calls, map } = controlledMap();
    const results = (async () => {
      const taken: string[] = [];
      for await (const result of mapInOrder(['a', 'b', 'c', 'd'], 3, map)) taken.push(result);
      return taken;
    })();
    await drain();
    expect(calls.map((call) => call.item)).toEqual(['a', 'b', 'c']);
    calls[2]!.resolve('C');
    calls[1]!.resolve('B');
    await drain();
    calls[0]!.resolve('A');
    await drain();
    calls[3]!.resolve('D');
    await expect(results).resolves.toEqual(['A', 'B', 'C', 'D']);
  });

  it('runs at most `window` calls, starting the next only once the oldest result is taken', async () => {
    const { calls, map, running } = controlledMap();
    const iterator = mapInOrder(['a', 'b', 'c', 'd', 'e'], 2, map);
    const first = iterator.next();
    await drain();
    expect(running()).toEqual(['a', 'b']);
    // b done before a: nothing new starts, b waits for its turn.
    calls[1]!.resolve('B');
    await drain();
    expect(calls).toHaveLength(2);
    calls[0]!.resolve('A');
    await expect(first).resolves.toEqual({ value: 'A', done: false });
    // The consumer holds A: still nothing new.
    expect(calls).toHaveLength(2);
    const second = iterator.next();
    await expect(second).resolves.toEqual({ value: 'B', done: false });
    const third = iterator.next();
    await drain();
    expect(running()).toEqual(['c', 'd']);
    calls[2]!.resolve('C');
    await expect(third).resolves.toEqual({ value: 'C', done: false });
    calls[3]!.resolve('D');
    await iterator.return();
  });

  it('throws the first failure in order, starts nothing after it, and returns once the running calls have settled', async () => {
    const { calls, map, running } = controlledMap();
    let thrown: unknown = null;
    const consumed = (async () => {
      try {
        for await (const result of mapInOrder(['a', 'b', 'c', 'd', 'e'], 3, map)) expect(result).toBe('A');
      } catch (error) {
        thrown = error;
      }
    })();
    await drain();
    calls[0]!.resolve('A');
    await drain();
    expect(running()).toEqual(['b', 'c', 'd']);
    // c fails later in order than b's failure, and d is still running when b's turn comes.
    calls[2]!.reject(new Error('c broke'));
    calls[1]!.reject(new Error('b broke'));
    await drain();
    expect(thrown).toBeNull();
    expect(running()).toEqual(['d']);
    calls[3]!.resolve('D');
    await consumed;
    expect((thrown as Error).message).toBe('b broke');
    expect(calls.map((call) => call.item)).toEqual(['a', 'b', 'c', 'd']);
    expect(running()).toEqual([]);
  });

  it('waits for the running calls when the consumer stops early', async () => {
    const { calls, map } = controlledMap();
    let stopped = false;
    const consumed = (async () => {
      for await (const result of mapInOrder(['a', 'b', 'c'], 3, map)) if (result === 'A') break;
      stopped = true;
    })();
    await drain();
    calls[0]!.resolve('A');
    await drain();
    expect(stopped).toBe(false);
    calls[1]!.reject(new Error('ignored: the consumer had stopped'));
    calls[2]!.resolve('C');
    await consumed;
    expect(stopped).toBe(true);
  });

  it('yields nothing for no items, and takes a window below 1 as 1', async () => {
    const { calls, map, running } = controlledMap();
    const none: string[] = [];
    for await (const result of mapInOrder([], 4, map)) none.push(result);
    expect(none).toEqual([]);
    const iterator = mapInOrder(['a', 'b'], 0, map);
    const first = iterator.next();
    await drain();
    expect(running()).toEqual(['a']);
    calls[0]!.resolve('A');
    await expect(first).resolves.toEqual({ value: 'A', done: false });
    await iterator.return();
  });
});

/**
 * `map` over `items` with up to `window` calls running at once, yielding the results strictly in the items' order:
 * item i + window is started only once result i has been taken, so at most `window` results (running or done and
 * waiting their turn) are held however many items there are.
 *
 * The first failure in item order is thrown where its result would have been yielded. Whenever the iteration ends
 * early (that failure, or the consumer throwing or breaking), no further call starts and the iteration finishes only
 * once the calls already running have settled: nothing started here is still at work afterwards.
 */
export async function* mapInOrder<T, R>(items: readonly T[], window: number, map: (item: T, index: number) => Promise<R>): AsyncGenerator<R, void, undefined> {
  const size = Math.max(1, Math.floor(window));
  const running: Promise<R>[] = [];
  let next = 0;
  try {
    for (;;) {
      while (running.length < size && next < items.length) {
        const index = next;
        next += 1;
        const result = map(items[index]!, index);
        // Its failure is thrown when its turn comes; until then it must not count as unhandled.
        result.catch(() => undefined);
        running.push(result);
      }
      const first = running.shift();
      if (!first) return;
      yield await first;
    }
  } finally {
    await Promise.allSettled(running);
  }
}

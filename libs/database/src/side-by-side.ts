import type { EntityManager } from 'typeorm';

/**
 * Two independent reads: at once through the pool, one after the other inside a transaction (its one connection
 * runs one statement at a time; pg deprecates queueing a second one on it).
 */
export async function sideBySide<A, B>(manager: EntityManager, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  if (manager.queryRunner) return [await first(), await second()];
  return Promise.all([first(), second()]);
}

import type { DataSource } from 'typeorm';

/**
 * Runs `takeBatch` (which handles up to `batchSize` rows and answers how many it took) until a batch comes back short:
 * the way a worker works through everything due. Resolves with the number of rows taken in all.
 */
export async function inBatches(batchSize: number, takeBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await takeBatch();
    total += taken;
    if (taken < batchSize) return total;
  }
}

/**
 * A sender's claim on its outbox: `claimSql` takes due rows and leases them, with the parameters $1 now, $2 the lease
 * end (`now` + `leaseMs`) and $3 the batch size; answers the rows it returned.
 */
export async function claimLeased<Row>(dataSource: DataSource, claimSql: string, now: Date, leaseMs: number, batchSize: number): Promise<Row[]> {
  const [rows] = await dataSource.query<[Row[], number]>(claimSql, [now, new Date(now.getTime() + leaseMs), batchSize]);
  return rows;
}

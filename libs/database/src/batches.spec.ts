import { inBatches } from './batches.js';

describe('inBatches', () => {
  it('takes batches until one comes back short, and counts every row taken', async () => {
    const sizes = [3, 3, 1, 3];
    const taken: number[] = [];
    const total = await inBatches(3, async () => {
      const size = sizes.shift()!;
      taken.push(size);
      return size;
    });
    expect(taken).toEqual([3, 3, 1]);
    expect(total).toBe(7);
  });

  it('stops after one empty batch', async () => {
    let calls = 0;
    await expect(
      inBatches(20, async () => {
        calls += 1;
        return 0;
      }),
    ).resolves.toBe(0);
    expect(calls).toBe(1);
  });
});

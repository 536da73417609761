import { childPidsNamed, processTreeRss, type ProcReader } from './process-tree-rss.js';

const table = (rows: { pid: number; ppid: number; rssKb?: number }[]): ProcReader => ({
  pids: () => Promise.resolve(rows.map((row) => row.pid)),
  status: (pid) => {
    const row = rows.find((candidate) => candidate.pid === pid);
    if (!row) return Promise.resolve(null);
    const rss = row.rssKb === undefined ? '' : `VmRSS:\t  ${row.rssKb} kB\n`;
    return Promise.resolve(`Name:\tchromium\nState:\tS (sleeping)\nPid:\t${pid}\nPPid:\t${row.ppid}\n${rss}Threads:\t4\n`);
  },
});

describe('processTreeRss', () => {
  it('adds VmRSS of the process and all its descendants, and nothing else', async () => {
    const proc = table([
      { pid: 1, ppid: 0, rssKb: 9_000 },
      { pid: 10, ppid: 1, rssKb: 100 },
      { pid: 11, ppid: 10, rssKb: 200 },
      { pid: 12, ppid: 11, rssKb: 300 },
      { pid: 13, ppid: 10 },
      { pid: 20, ppid: 1, rssKb: 5_000 },
    ]);
    await expect(processTreeRss(10, proc)).resolves.toBe((100 + 200 + 300) * 1024);
    await expect(processTreeRss(12, proc)).resolves.toBe(300 * 1024);
  });

  it('is 0 for a process that is gone', async () => {
    await expect(processTreeRss(99, table([{ pid: 1, ppid: 0, rssKb: 10 }]))).resolves.toBe(0);
  });

  it('reads this process from /proc', async () => {
    const rss = await processTreeRss(process.pid);
    expect(rss).toBeGreaterThan(1024 * 1024);
  });
});

describe('childPidsNamed', () => {
  it('finds the direct children with the name', async () => {
    const proc = table([
      { pid: 1, ppid: 0 },
      { pid: 10, ppid: 1 },
      { pid: 11, ppid: 10 },
    ]);
    await expect(childPidsNamed(1, ['chrom'], proc)).resolves.toEqual([10]);
    await expect(childPidsNamed(1, ['node'], proc)).resolves.toEqual([]);
  });
});

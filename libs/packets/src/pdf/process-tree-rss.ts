import { readFile, readdir } from 'node:fs/promises';

/** Where /proc is read from: injectable so that tests can hand in a made-up process table. */
export interface ProcReader {
  pids(): Promise<number[]>;
  status(pid: number): Promise<string | null>;
}

export const systemProc: ProcReader = {
  async pids() {
    const entries = await readdir('/proc').catch(() => [] as string[]);
    return entries.filter((entry) => /^\d+$/.test(entry)).map(Number);
  },
  async status(pid) {
    // A process may end between the listing and the read.
    return readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  },
};

const field = (status: string, name: string): string | undefined => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(status)?.[1];

/**
 * Resident memory in bytes of `rootPid` and all its descendants (VmRSS of each /proc/<pid>/status); 0 when the
 * process is gone or /proc is unavailable. Kernel threads and zombies have no VmRSS and count 0.
 */
export async function processTreeRss(rootPid: number, proc: ProcReader = systemProc): Promise<number> {
  const parentOf = new Map<number, number>();
  const rssOf = new Map<number, number>();
  for (const pid of await proc.pids()) {
    const status = await proc.status(pid);
    if (status === null) continue;
    parentOf.set(pid, Number(field(status, 'PPid') ?? -1));
    const rss = /^(\d+)\s*kB/i.exec(field(status, 'VmRSS') ?? '');
    rssOf.set(pid, rss ? Number(rss[1]) * 1024 : 0);
  }
  if (!parentOf.has(rootPid)) return 0;
  const inTree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parentOf) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of inTree) total += rssOf.get(pid) ?? 0;
  return total;
}

/**
 * Pids of the direct children of `parentPid` whose process name starts with one of `names` (playwright starts
 * Chromium as a child of this process and does not tell its pid).
 */
export async function childPidsNamed(parentPid: number, names: readonly string[], proc: ProcReader = systemProc): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await proc.pids()) {
    const status = await proc.status(pid);
    if (status === null || Number(field(status, 'PPid')) !== parentPid) continue;
    const name = field(status, 'Name') ?? '';
    if (names.some((prefix) => name.startsWith(prefix))) found.push(pid);
  }
  return found;
}

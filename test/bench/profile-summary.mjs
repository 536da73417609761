// node test/bench/profile-summary.mjs <file.cpuprofile> [window seconds] [seconds left out at the end]: self time summed
// by module (package or source file) and by function, from a `node --cpu-prof` profile of the API under load
// (`BENCH_CPU_PROF=<dir> npm run bench ...` writes one). The window leaves boot and shutdown out.
import { readFileSync } from 'node:fs';
const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
// Only the load window: the last WINDOW seconds before the last SKIP_END seconds (boot and shutdown left out).
const WINDOW = Number(process.argv[3] ?? 1e9) * 1e6;
const SKIP_END = Number(process.argv[4] ?? 0) * 1e6;
const times = []; let clock = 0;
for (const delta of deltas) { clock += delta; times.push(clock); }
const end = clock - SKIP_END;
profile.samples.forEach((id, index) => { if (times[index] > end - WINDOW && times[index] <= end) self.set(id, (self.get(id) ?? 0) + (deltas[index] ?? 0)); });
const total = [...self.values()].reduce((a, b) => a + b, 0);
const moduleOf = (url) => {
  if (!url) return '(native/gc/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) { const rest = url.slice(nm + 13).split('/'); return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]; }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 6) : url;
};
const fn = new Map(); const mod = new Map();
for (const [id, time] of self) {
  const { callFrame: f } = byId.get(id);
  const m = moduleOf(f.url);
  const key = `${f.functionName || '(anonymous)'} ${m}:${f.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + time); mod.set(m, (mod.get(m) ?? 0) + time);
}
const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`total ${(total / 1e6).toFixed(2)} s sampled\n-- modules --\n${top(mod, 25)}\n-- functions --\n${top(fn, 40)}`);

// The workshop page's speed from its HTTP API (a bench, not a test): how
// long from a lever change to the first answer (two replication pairs, the
// first interval) and to 50 pairs, at force scale (the force example over
// five simulated years), on this machine's cores.
//
//   node bench/workshop.mjs BUILD_DIR [CHANGES]     (make bench-workshop)
//
// Starts `casesim serve` on a free port with 50 replications a what-if,
// waits until the scenario as written has run (the page does this while the
// room reads the levers), then moves levers CHANGES times (default 6),
// waiting for each what-if to end, timing each from the POST to the reply
// that first shows two pairs and to the one that shows all 50, polling every
// 5 ms. Prints each change and the median, min and max.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/serve/start_server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.argv[2] ?? 'build';
const changes = Number(process.argv[3] ?? 6);
const casesim = path.resolve(build, 'app/casesim');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'casesim-bench-workshop-'));
const scenario = path.join(scratch, 'force-5-years.json');
fs.writeFileSync(scenario, JSON.stringify({
  extends: path.join(root, 'scenarios/force-example.json'),
  // The example warms up for five years so that its queues settle; five
  // simulated years in all keep one year of warm-up, as the goal was set.
  meta: { name: 'Force example, five simulated years', horizon_days: 1826, warmup_days: 365 },
}));

const server = await startServer(casesim, [scenario, '-r', '50']);
const url = server.url;
const levers = (await (await fetch(`${url}api/levers`)).json()).levers;
const byLabel = (label) => levers.findIndex((l) => l.label === label);
const moves = [
  `lever.${byLabel('Crown Court rooms')}=3`,
  `lever.${byLabel('ISVAs')}=15`,
  `lever.${byLabel('Specialist RASSO courtrooms')}=2`,
  `lever.${byLabel('Section 28 (pre-recorded cross-examination)')}=0.5`,
  `lever.${byLabel('Witness-care officers')}=3`,
  `lever.${byLabel('Soteria: investigation time')}=0.85`,
];

async function whatIf(body) {
  const start = performance.now();
  const r = await fetch(`${url}api/what-if`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  const { id } = await r.json();
  let first = null;
  for (;;) {
    const w = await (await fetch(`${url}api/what-if/${id}`)).json();
    const now = performance.now() - start;
    if (first === null && w.done >= 2) first = now;
    if (w.state !== 'queued' && w.state !== 'running') return { first, all: now, done: w.done, server_first: w.first_answer_ms };
    await new Promise((res) => setTimeout(res, 5));
  }
}

// The scenario as written first (the page asks for it on opening); its
// replications are kept for every later what-if.
const warm = await whatIf('');
console.log(`scenario as written: ${warm.done} pairs in ${warm.all.toFixed(0)} ms (the server simulates it once)`);
const firsts = [], alls = [];
for (let i = 0; i < changes; i++) {
  const body = moves[i % moves.length];
  const t = await whatIf(body);
  firsts.push(t.first);
  alls.push(t.all);
  console.log(`${body.padEnd(12)} first answer ${t.first.toFixed(0)} ms (server ${t.server_first.toFixed(0)} ms), ${t.done} pairs ${t.all.toFixed(0)} ms`);
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms (min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)})`;
};
console.log(`lever change to first answer: ${stats(firsts)}`);
console.log(`lever change to 50 replication pairs: ${stats(alls)}`);
console.log(`cores: ${os.cpus().length}; load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
await server.stop();
fs.rmSync(scratch, { recursive: true, force: true });

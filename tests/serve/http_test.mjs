// ctest's serve_http: `casesim serve` at the HTTP level. Malformed,
// oversized, out-of-range and hostile requests get a 4xx and the server
// keeps serving; a what-if runs to its end with intervals; a newer one stops
// the running one; the record exports as CSV; a saved what-if is a scenario
// `casesim validate` accepts; --host beyond this machine warns; SIGINT stops
// the server cleanly.
// Usage: node http_test.mjs CASESIM SOURCE_DIR
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, waitFor, tally } from './start_server.mjs';

const [casesim, root] = process.argv.slice(2);
const t = tally();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'casesim-serve-http-'));
const scenario = path.join(root, 'scenarios/force-example.json');

// Raw bytes to the server, the reply's status line (or '' if it hung up).
function raw(url, bytes) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect(Number(port), hostname, () => s.end(bytes));
    let got = '';
    s.on('data', (d) => { got += d; });
    s.on('close', () => resolve(got.split('\r\n')[0]));
    s.on('error', () => resolve(''));
    s.setTimeout(10000, () => s.destroy());
  });
}
const post = (url, body, type = 'application/x-www-form-urlencoded') =>
  fetch(`${url}api/what-if`, { method: 'POST', headers: { 'Content-Type': type }, body });

const server = await startServer(casesim, [scenario, '-r', '40', '-t', '2']);
const url = server.url;
try {
  t.check('listens on 127.0.0.1 by default', url.startsWith('http://127.0.0.1:'), url);
  t.check('no warning on the loopback address', !/warning/.test(server.stderr()), server.stderr());

  const page = await fetch(url);
  const html = await page.text();
  t.check('GET / is the page', page.status === 200 && html.includes('casesim workshop'));
  t.check('the page loads nothing from the network', !/(src|href)="(https?:)?\/\//i.test(html));

  const levers = await (await fetch(`${url}api/levers`)).json();
  t.check('the force example offers its own levers', levers.own_levers && levers.levers.length >= 12,
    `${levers.levers.length} levers`);
  const labels = levers.levers.map((l) => l.label).join(' | ');
  for (const want of ['Witness-care', 'CPS victim-liaison', 'Specialist RASSO courtrooms', 'Section 28', 'Soteria', 'Overlisting', 'Ticketed judges'])
    t.check(`a lever for ${want}`, labels.includes(want), labels);
  const isva = levers.levers.findIndex((l) => l.label === 'ISVAs');

  // Refused with 4xx, each with a message.
  const refusals = [
    ['an unknown key', 'file=/etc/passwd', 400],
    ['a lever that does not exist', 'lever.9999=1', 400],
    ['a value that is not a number', `lever.${isva}=lots`, 400],
    ['a lever given twice', `lever.${isva}=3&lever.${isva}=4`, 400],
    ['a broken escape', `lever.${isva}=%G1`, 400],
    ['a body over 16 KB', 'x'.repeat(20000), 413],
    ['a value out of the lever\'s range', `lever.${isva}=999`, 422],
    ['a negative count', `lever.${isva}=-1`, 422],
  ];
  for (const [what, body, status] of refusals) {
    const r = await post(url, body);
    const j = await r.json().catch(() => ({}));
    t.check(`${what} is refused with ${status}`, r.status === status && typeof j.error === 'string',
      `${r.status} ${JSON.stringify(j)}`);
  }
  const range = await (await post(url, `lever.${isva}=999`)).json();
  t.check('an out-of-range value is refused as validate would put it: file, pointer, reason, expected',
    range.problems && range.problems[0] === `${scenario}: /resources/isvas/count: 999 is out of range; expected a number from 0 to 30 (ISVAs, posts)`,
    JSON.stringify(range));

  for (const [what, p, status] of [
    ['an unknown what-if', 'api/what-if/999', 404],
    ['a what-if id that is not a number', 'api/what-if/abc', 404],
    ['a path outside the API', 'api/../../etc/passwd', 404],
    ['a file name', 'scenarios/baseline.json', 404],
    ['a huge id', 'api/what-if/99999999999999999999', 404],
  ]) {
    const r = await fetch(url + p);
    t.check(`${what} gets ${status}`, r.status === status, String(r.status));
  }
  const garbage = await raw(url, 'THIS IS NOT HTTP\r\n\r\n');
  // Refused with a 4xx, or (when the server closes before the client has
  // sent all it had) the connection dropped; either way the server stays up.
  t.check('a request that is not HTTP is refused', /^HTTP\/1\.1 4\d\d/.test(garbage) || garbage === '', garbage);
  const longUri = await raw(url, `GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  t.check('an oversized request line gets a 4xx', /^HTTP\/1\.1 4\d\d/.test(longUri) || longUri === '', longUri);
  const bigHeader = await raw(url, `POST /api/what-if HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\nlever.0=1`);
  t.check('a declared body over the limit is refused', /^HTTP\/1\.1 413/.test(bigHeader) || bigHeader === '', bigHeader);
  t.check('the server still serves after all of that', (await fetch(`${url}api/levers`)).status === 200);

  // A what-if to its end.
  const asked = await post(url, `lever.${isva}=20`);
  const { id } = await asked.json();
  t.check('a what-if is accepted with 202 and an id', asked.status === 202 && id >= 1);
  const done = await waitFor(url, id);
  t.check('it runs all its replications', done.state === 'done' && done.done === 40, `${done.state} ${done.done}`);
  const cards = done.headlines || [];
  const keys = cards.map((h) => h.key);
  for (const k of ['report_to_trial_start_days', 'charge_to_trial_start_days', 'withdrawal_before_charge',
    'withdrawal_after_charge', 'charges_per_year', 'trials_outstanding', 'contacts_on_time.wcu'])
    t.check(`headline ${k}`, keys.includes(k), keys.join(','));
  t.check('every comparable headline has an interval around its difference',
    cards.every((h) => h.verdict === 'not comparable' || (h.ci_low <= h.difference && h.difference <= h.ci_high)));
  t.check('the charts have their series', done.trials.day.length > 100 && done.funnel.length === 4 && done.load.length >= 3);

  // A newer change stops the running one.
  const slow = await (await post(url, `lever.${isva}=25`)).json();
  const newer = await (await post(url, `lever.${isva}=15`)).json();
  const stopped = await waitFor(url, slow.id);
  const last = await waitFor(url, newer.id);
  t.check('a newer what-if stops the one before it', stopped.state === 'stopped' && stopped.done < 40,
    `${stopped.state} after ${stopped.done}`);
  t.check('and runs to its end', last.state === 'done' && last.done === 40);

  // The record.
  const csv = await fetch(`${url}api/record.csv`);
  const csvText = await csv.text();
  const lines = csvText.trim().split('\n');
  t.check('the record exports as CSV, one row per what-if', csv.status === 200 && lines.length === 1 + newer.id &&
    lines[0].startsWith('id,state,replications,levers_moved') && /attachment/.test(csv.headers.get('content-disposition') || ''),
    `${csv.status}, ${lines.length} lines: ${csvText.slice(0, 300)}`);

  // Saving: a download, which validate accepts.
  const saved = await fetch(`${url}api/what-if/${id}/scenario`);
  const text = await saved.text();
  t.check('saving returns the file as a download', saved.status === 200 &&
    /attachment; filename="what-if-\d+\.json"/.test(saved.headers.get('content-disposition') || ''));
  const file = path.join(scratch, 'what-if.json');
  fs.writeFileSync(file, text);
  const v = spawnSync(casesim, ['validate', file], { encoding: 'utf8' });
  t.check('casesim validate accepts the saved what-if', v.status === 0, v.stdout + v.stderr);
  t.check('the saved what-if holds the lever value', /"isvas":\s*\{\s*"count":\s*20/.test(text), text.slice(0, 400));
} finally {
  const { code, signal } = await server.stop();
  t.check('SIGINT stops the server cleanly (exit 0)', code === 0 && /stopped/.test(server.stdout()), `${code} ${signal}`);
}

// Listening beyond this machine warns.
const open = await startServer(casesim, [scenario, '--host', '0.0.0.0', '-r', '2']);
t.check('--host 0.0.0.0 warns that anyone on the network can use it', /warning: .*anyone/.test(open.stderr()), open.stderr());
await open.stop();

// What the room may run is bounded like any run: a scenario too big for the
// limits is refused before the server listens, naming the limit (exit 2).
const big = spawnSync(casesim, ['serve', scenario, '--port', '0', '-r', '50', '--max-cases', '1000'],
  { encoding: 'utf8', timeout: 60000 });
t.check('a scenario past --max-cases is refused before serving (exit 2)',
  big.status === 2 && /--max-cases/.test(big.stderr) && !/open http/.test(big.stdout),
  `${big.status} ${big.stderr}`);

fs.rmSync(scratch, { recursive: true, force: true });
process.exit(t.done());

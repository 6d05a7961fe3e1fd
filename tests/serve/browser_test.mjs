// ctest's serve_browser: the workshop page in headless Chromium, driven by
// puppeteer-core (pinned in package-lock.json) against `casesim serve` on a
// free port. The page draws the scenario as written; moving a lever changes
// the headline numbers and a chart; the record table gains a row; saving
// downloads a scenario `casesim validate` accepts; no script error or console
// warning. Screenshots go to SHOTS.
// Usage: node browser_test.mjs CASESIM SOURCE_DIR CHROMIUM SHOTS
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { startServer, tally } from './start_server.mjs';

const [casesim, root, chromium, shots] = process.argv.slice(2);
const t = tally();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'casesim-serve-browser-'));
const downloads = path.join(scratch, 'downloads');
fs.mkdirSync(downloads);
const scenario = path.join(root, 'scenarios/force-example.json');

const server = await startServer(casesim, [scenario, '-r', '20']);
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
    `--user-data-dir=${path.join(scratch, 'profile')}`],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1800 });
  const client = await page.createCDPSession();
  await client.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url, { waitUntil: 'load' });

  const settled = async (id) => page.waitForFunction(
    (id) => document.body.dataset.whatIf === String(id) && document.body.dataset.state === 'done' &&
      document.querySelectorAll('#cards .card').length > 0 && Number(document.body.dataset.chartsDrawn || 0) >= 3,
    { timeout: 120000 }, id);
  await settled(1);
  t.check('the page draws the scenario as written (what-if 1) with headline cards and charts', true);
  const cardText = () => page.$$eval('#cards .card', (cs) => cs.map((c) => c.dataset.key + '=' + c.querySelector('.value').textContent));
  const chartSvg = (id) => page.$eval(`#${id}`, (d) => d.innerHTML);
  const before = await cardText();
  const trialsBefore = await chartSvg('chart-trials');
  const funnelBefore = await chartSvg('chart-funnel');
  const rowsBefore = await page.$$eval('#record tbody tr', (rs) => rs.length);
  await page.screenshot({ path: path.join(shots, 'workshop-as-written.png'), fullPage: true });

  // Move a lever: one Crown Court room instead of several.
  const levers = await page.$$eval('.lever label', (ls) => ls.map((l) => l.textContent));
  const rooms = levers.indexOf('Crown Court rooms');
  t.check('the page shows the scenario\'s levers', rooms >= 0 && levers.length >= 12, levers.join(' | '));
  await page.$eval(`#lever-input-${rooms}`, (input) => {
    input.value = input.min;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settled(2);
  const after = await cardText();
  t.check('the headline numbers change', JSON.stringify(after) !== JSON.stringify(before),
    `${before.slice(0, 2)} -> ${after.slice(0, 2)}`);
  const trialsCard = after.find((c) => c.startsWith('charge_to_trial_start_days='));
  t.check('charge to trial is shown', !!trialsCard, after.join(', '));
  t.check('the trials chart changes', (await chartSvg('chart-trials')) !== trialsBefore);
  t.check('the funnel chart changes', (await chartSvg('chart-funnel')) !== funnelBefore);
  const verdict = await page.$eval('#cards .card[data-key="charge_to_trial_start_days"] .badge', (b) => b.textContent);
  t.check('fewer rooms make charge to trial worse, and the card says so', verdict === 'worse', verdict);

  await page.waitForFunction((n) => document.querySelectorAll('#record tbody tr').length > n, { timeout: 30000 }, rowsBefore);
  const rows = await page.$$eval('#record tbody tr', (rs) => rs.map((r) => r.textContent));
  t.check('the record table gains a row', rows.length === rowsBefore + 1, rows.join(' / '));
  t.check('the row names the lever moved', /Crown Court rooms/.test(rows[rows.length - 1]), rows[rows.length - 1]);

  // Pin it, and save it.
  await page.click('#record tbody tr[data-id="2"] input[type=checkbox]');
  const pinned = await page.$$eval('#pinned .pin', (ps) => ps.length);
  t.check('pinning shows the what-if side by side', pinned === 1);
  await page.click('#record tbody tr[data-id="2"] a.save');
  let saved = '';
  for (let i = 0; i < 100 && !saved; i++) {
    const f = fs.readdirSync(downloads).filter((n) => n.endsWith('.json'));
    if (f.length) saved = path.join(downloads, f[0]);
    else await new Promise((r) => setTimeout(r, 100));
  }
  t.check('saving downloads a scenario file', !!saved);
  if (saved) {
    const v = spawnSync(casesim, ['validate', saved], { encoding: 'utf8' });
    t.check('casesim validate accepts the saved what-if', v.status === 0, v.stdout + v.stderr);
  }

  const errors = await page.evaluate(() => [document.body.dataset.errors, document.body.dataset.warnings,
    Array.from(document.querySelectorAll('#page-log li')).map((l) => l.textContent).join(' / ')]);
  t.check('no script errors or console warnings', errors[0] === '0' && errors[1] === '0', errors.join(' '));
  const outside = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  t.check('the page asks nothing of the network beyond the server', outside.length === 0, outside.join(' '));
  await page.screenshot({ path: path.join(shots, 'workshop-screenshot.png'), fullPage: true });
  t.check(`screenshots saved in ${shots}`, fs.existsSync(path.join(shots, 'workshop-screenshot.png')));
} catch (e) {
  t.check('the browser test ran to its end', false, e.stack || String(e));
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(t.done());

// Starts `casesim serve` on a free port (--port 0) and resolves once it
// prints its address: { url, child, stdout(), stderr(), stop() }. Shared by
// the HTTP and browser tests of the workshop server.
import { spawn } from 'node:child_process';

export function startServer(casesim, args, { timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(casesim, ['serve', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no address after ${timeoutMs} ms: ${out} ${err}`)); }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/open (http:\/\/\S+\/) in a browser/);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1], child,
          stdout: () => out, stderr: () => err,
          exited: new Promise((done) => child.on('exit', (code, signal) => done({ code, signal }))),
          stop() { child.kill('SIGINT'); return this.exited; },
        });
      }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`casesim serve exited (${code}) before listening: ${err}`)); });
  });
}

// Polls what-if `id` until it ends; returns its last state.
export async function waitFor(url, id, { timeoutMs = 120000 } = {}) {
  const start = Date.now();
  for (;;) {
    const w = await (await fetch(`${url}api/what-if/${id}`)).json();
    if (!['queued', 'running'].includes(w.state)) return w;
    if (Date.now() - start > timeoutMs) throw new Error(`what-if ${id} still ${w.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A tally of checks, printed as they go, for a test's exit code.
export function tally() {
  let passed = 0, failed = 0;
  return {
    check(name, ok, detail = '') {
      if (ok) { passed++; console.log(`ok   - ${name}`); }
      else { failed++; console.log(`FAIL - ${name}${detail ? ': ' + detail : ''}`); }
    },
    done() { console.log(`${passed} passed, ${failed} failed`); return failed === 0 ? 0 : 1; },
  };
}

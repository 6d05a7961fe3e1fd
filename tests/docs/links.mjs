// The manual's links hold: every relative link in README.md, docs/*.md and
// scenarios/**/README.md names a file that exists and, with #anchor, a heading
// of that page; and README.md and the index docs/README.md link to every page
// of docs/, so a new page cannot be left out of either.
//
// Usage: node tests/docs/links.mjs [ROOT]
// Prints each broken or missing link (file:line) and exits 1.

import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));

// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens,
// a repeated heading numbered -1, -2, ...
function anchorsOf(file) {
  const anchors = new Set();
  const seen = new Map();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!m) continue;
    const base = m[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const pages = ['README.md',
  ...readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`),
  'scenarios/README.md', 'scenarios/examples/README.md'].filter(p => existsSync(path.join(ROOT, p)));

const problems = [];
let links = 0;
const linkedFrom = { 'README.md': new Set(), 'docs/README.md': new Set() };
for (const page of pages) {
  const lines = readFileSync(path.join(ROOT, page), 'utf8').split('\n');
  let fenced = false;
  lines.forEach((line, i) => {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) return;
    for (const m of line.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/i.test(target)) continue;  // http:, mailto:
      links++;
      const [file, anchor] = target.split('#');
      const resolved = file ? path.normalize(path.join(path.dirname(page), file)) : page;
      const where = `${page}:${i + 1}`;
      if (resolved.startsWith('..') || !existsSync(path.join(ROOT, resolved))) {
        problems.push(`${where}: link to '${target}': ${resolved} does not exist in the repository`);
        continue;
      }
      linkedFrom[page]?.add(resolved);
      if (anchor !== undefined) {
        if (statSync(path.join(ROOT, resolved)).isDirectory() || !resolved.endsWith('.md')) {
          problems.push(`${where}: link to '${target}': an anchor into ${resolved}, which is not a Markdown page`);
        } else if (!anchorsOf(path.join(ROOT, resolved)).has(anchor)) {
          problems.push(`${where}: link to '${target}': ${resolved} has no heading with the anchor #${anchor}`);
        }
      }
    }
  });
}
for (const page of pages.filter(p => p.startsWith('docs/'))) {
  for (const [from, links] of Object.entries(linkedFrom)) {
    if (from !== page && !links.has(page)) problems.push(`${from}: no link to ${page}; link every page of docs/ from README.md and docs/README.md`);
  }
}

for (const p of problems) console.log(p);
if (problems.length) {
  console.log(`${problems.length} broken or missing link(s) in the manual`);
  process.exit(1);
}
console.log(`${links} links in ${pages.length} pages resolve; README.md and docs/README.md link every page of docs/`);

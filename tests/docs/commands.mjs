// The README's table of commands matches the program: every subcommand that
// `casesim --help` lists has a row, and every row names a real subcommand.
//
// Usage: node tests/docs/commands.mjs CASESIM [ROOT]
// Prints each mismatch and exits 1.

import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const casesim = process.argv[2];
const ROOT = path.resolve(process.argv[3] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
if (!casesim) { console.log('usage: commands.mjs CASESIM [ROOT]'); process.exit(2); }

const help = spawnSync(casesim, ['--help'], { encoding: 'utf8' });
if (help.status !== 0) { console.log(`${casesim} --help failed: ${help.stderr}`); process.exit(1); }
const sub = help.stdout.split(/^Subcommands:\s*$/m)[1] ?? '';
const program = new Set([...sub.matchAll(/^ {2}([a-z][a-z0-9-]*)\s/gm)].map(m => m[1]));

// Rows of the table under "## Commands": | `name ARGS` | ... |
const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
const start = lines.findIndex(l => /^## Commands\s*$/.test(l));
const readme = new Map();
for (let i = start + 1; start >= 0 && i < lines.length && !lines[i].startsWith('## '); i++) {
  const m = lines[i].match(/^\|\s*`([a-z][a-z0-9-]*)[ `]/);
  if (m) readme.set(m[1], i + 1);
}

const problems = [];
if (program.size === 0) problems.push(`${casesim} --help lists no subcommands`);
if (start < 0) problems.push('README.md has no "## Commands" section');
for (const name of program) {
  if (!readme.has(name)) problems.push(`README.md: no row for \`casesim ${name}\` in the table of commands (casesim --help lists it)`);
}
for (const [name, line] of readme) {
  if (!program.has(name)) problems.push(`README.md:${line}: a row for \`${name}\`, which casesim --help does not list`);
}
for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log(`README.md has a row for each of casesim's ${program.size} commands: ${[...program].join(', ')}`);

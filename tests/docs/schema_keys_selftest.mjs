// The manual's schema check can fail: on schemas changed in memory, each kind
// of drift must be reported, naming the key or definition and the page.
//
// Usage: node tests/docs/schema_keys_selftest.mjs

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from './schema_keys_documented.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = path.join(ROOT, 'docs');
const pristine = JSON.parse(readFileSync(path.join(ROOT, 'scenarios/schema.json'), 'utf8'));
const copy = () => structuredClone(pristine);

let failed = 0;
function expect(name, schema, pattern) {
  const { problems } = check(schema, DOCS);
  const hit = problems.find(p => pattern.test(p));
  console.log(`${hit ? 'ok  ' : 'FAIL'}  ${name}${hit ? ': ' + hit : ' (problems: ' + JSON.stringify(problems) + ')'}`);
  if (!hit) failed++;
}

{
  const { problems } = check(copy(), DOCS);
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'}  the shipped schema and docs/ agree`);
  if (problems.length) { failed++; problems.forEach(p => console.log('      ' + p)); }
}
{
  const s = copy();
  s.$defs.meta.properties.zz_new_key = { type: 'string' };
  expect('a new key of meta', s, /key 'zz_new_key' of #\/\$defs\/meta is not documented: .*docs\/scenario-format\.md:\d+/);
}
{
  const s = copy();
  s.$defs.listing.properties.overrun.properties.zz_nested = { type: 'number' };
  expect('a new key nested in listing.overrun', s, /key 'zz_nested' of #\/\$defs\/listing .*docs\/courts-and-listing\.md:\d+/);
}
{
  const s = copy();
  delete s.$defs.courts.properties.overlisting;
  expect('a documented key the schema no longer has', s, /docs\/courts-and-listing\.md:\d+: the table documents 'overlisting'/);
}
{
  const s = copy();
  s.$defs.zz_new_section = { type: 'object', properties: { zz_a: { type: 'number' } } };
  expect('a new definition without a table', s, /#\/\$defs\/zz_new_section \(keys zz_a\) has no key table/);
}

console.log(failed ? `${failed} failed` : 'every kind of drift is caught');
process.exit(failed ? 1 : 0);

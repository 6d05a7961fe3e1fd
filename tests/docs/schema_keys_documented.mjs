// Keeps the manual's scenario reference next to scenarios/schema.json: every
// key the schema defines must be named in the key table docs/ gives for its
// definition, and every key a table names must exist in the schema.
//
// A key table is a Markdown table right after a marker naming the schema
// definitions ($defs) it documents:
//     <!-- schema: courts other_work -->
//     | key | meaning | default |
// A key counts as documented when a row of the table names it in backticks
// (`overlisting`, or inside a JSON sample such as `{"share": 0.4}`).
//
// Usage: node tests/docs/schema_keys_documented.mjs [SCHEMA [DOCS_DIR]]
// Prints what is missing, naming the key, its definition and the page, and
// exits 1; exits 0 with a count when everything is documented.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The _patch definitions are derived from the others (tests/schema/derive_patch.mjs)
// and have the same keys.
function isDocumentedDefinition(name) { return !name.endsWith('_patch'); }

// Property names a definition declares itself, at any depth, without following
// $ref (a referenced definition has its own table).
export function definitionKeys(node, keys = new Set()) {
  if (!node || typeof node !== 'object') return keys;
  if (Array.isArray(node)) { node.forEach(n => definitionKeys(n, keys)); return keys; }
  if (node.properties) {
    for (const [key, value] of Object.entries(node.properties)) {
      keys.add(key);
      definitionKeys(value, keys);
    }
  }
  for (const k of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) definitionKeys(node[k], keys);
  for (const k of ['if', 'then', 'else', 'not', 'items', 'additionalProperties']) definitionKeys(node[k], keys);
  return keys;
}

// Names inside backtick spans: `a`, `{"a": 1, "b": [...]}` -> a, b.
function namesInCode(text) {
  const names = new Set();
  for (const span of text.matchAll(/`([^`]+)`/g)) {
    for (const word of span[1].matchAll(/[A-Za-z_$][A-Za-z0-9_]*/g)) names.add(word[0]);
  }
  return names;
}

// Names a table row's first cell gives as keys: bare `name` spans only (not
// JSON samples or values such as `30`).
function keysInFirstCell(row) {
  const cell = row.split('|')[1] ?? '';
  const keys = [];
  for (const span of cell.matchAll(/`([^`]+)`/g)) {
    if (/^[A-Za-z_$][A-Za-z0-9_]*$/.test(span[1])) keys.push(span[1]);
  }
  return keys;
}

// Every marked table in the Markdown files of docsDir.
export function keyTables(docsDir) {
  const tables = [];
  for (const file of readdirSync(docsDir).filter(f => f.endsWith('.md')).sort()) {
    const page = path.join(path.basename(docsDir), file);
    const lines = readFileSync(path.join(docsDir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const marker = line.match(/^<!--\s*schema:\s*([^>]*?)\s*-->\s*$/);
      if (!marker) return;
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      const rows = [];
      for (; j < lines.length && lines[j].startsWith('|'); j++) rows.push(lines[j]);
      tables.push({ page, line: i + 1, definitions: marker[1].split(/\s+/).filter(Boolean),
                    // the header and the |---| line are not rows
                    rows: rows.slice(2) });
    });
  }
  return tables;
}

// The problems, one sentence each; empty when the manual and schema agree.
export function check(schema, docsDir, schemaName = 'scenarios/schema.json') {
  const problems = [];
  const definitions = Object.entries(schema.$defs ?? {})
    .filter(([name]) => isDocumentedDefinition(name))
    .map(([name, node]) => [name, definitionKeys(node)])
    .filter(([, keys]) => keys.size > 0);
  const keysOf = new Map(definitions);
  const tables = keyTables(docsDir);
  const tablesOf = new Map();
  for (const table of tables) {
    if (table.rows.length === 0) {
      problems.push(`${table.page}:${table.line}: the schema marker is not followed by a table`);
    }
    for (const name of table.definitions) {
      if (!keysOf.has(name)) {
        problems.push(`${table.page}:${table.line}: '${name}' is not a definition with keys in ${schemaName} ($defs)`);
        continue;
      }
      if (!tablesOf.has(name)) tablesOf.set(name, []);
      tablesOf.get(name).push(table);
    }
  }
  let documented = 0;
  for (const [name, keys] of definitions) {
    const found = tablesOf.get(name) ?? [];
    if (found.length === 0) {
      problems.push(`${schemaName}: #/$defs/${name} (keys ${[...keys].join(', ')}) has no key table in docs/; ` +
                    `add one after a line <!-- schema: ${name} -->`);
      continue;
    }
    if (found.length > 1) {
      problems.push(`${schemaName}: #/$defs/${name} has ${found.length} key tables (` +
                    found.map(t => `${t.page}:${t.line}`).join(', ') + '); keep one');
    }
    const table = found[0];
    const named = namesInCode(table.rows.join('\n'));
    for (const key of keys) {
      if (named.has(key)) { documented++; continue; }
      problems.push(`${schemaName}: key '${key}' of #/$defs/${name} is not documented: ` +
                    `expected a row naming \`${key}\` in the table at ${table.page}:${table.line}`);
    }
  }
  for (const table of tables) {
    const known = new Set(table.definitions.flatMap(d => [...(keysOf.get(d) ?? [])]));
    for (const row of table.rows) {
      for (const key of keysInFirstCell(row)) {
        if (!known.has(key)) {
          problems.push(`${table.page}:${table.line}: the table documents '${key}', which ${schemaName} ` +
                        `does not define in ${table.definitions.map(d => '#/$defs/' + d).join(' or ')}`);
        }
      }
    }
  }
  return { problems, documented, definitions: definitions.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const schemaPath = process.argv[2] ?? path.join(ROOT, 'scenarios/schema.json');
  const docsDir = process.argv[3] ?? path.join(ROOT, 'docs');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const { problems, documented, definitions } = check(schema, docsDir, path.relative(ROOT, schemaPath) || schemaPath);
  for (const p of problems) console.log(p);
  if (problems.length > 0) {
    console.log(`${problems.length} problem(s): the scenario reference in docs/ and ${schemaPath} disagree`);
    process.exit(1);
  }
  console.log(`${documented} keys of ${definitions} schema definitions are documented in docs/`);
}

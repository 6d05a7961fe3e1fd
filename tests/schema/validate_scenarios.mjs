// Checks scenarios/schema.json: that it is a valid draft 2020-12 schema, that
// its derived _patch half is up to date, that every scenario in scenarios/
// passes it (files with "extends" as partial documents, and once merged onto
// what they extend as complete ones), and that broken documents fail it.
//
// Usage: node tests/schema/validate_scenarios.mjs [path/to/casesim]
// With the casesim binary (or CASESIM=path), each inline document is also
// given to `casesim validate`, which must agree with the schema's verdict.
// Prints "N passed, M failed" and exits 1 if anything failed.

import { readFileSync, readdirSync, existsSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isDeepStrictEqual } from 'node:util';
import { withDerivedPatch } from './derive_patch.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCENARIOS = path.join(ROOT, 'scenarios');
const SCHEMA_PATH = path.join(SCENARIOS, 'schema.json');

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok    ${name}`);
  } else {
    failed++;
    const lines = detail ? detail.split('\n') : [];
    if (lines.length > 8) lines.splice(8, lines.length, `... and ${lines.length - 8} more lines`);
    console.log(`FAIL  ${name}${lines.map(l => '\n      ' + l).join('')}`);
  }
}

// ---- Reading scenario files --------------------------------------------------

// Removes // and /* */ comments outside strings, as the loader does. Comment
// characters are replaced by spaces (newlines kept), so JSON.parse positions
// still point at the right line and column.
function stripComments(text) {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      // A string: copy it through its closing quote, honouring backslash escapes.
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      let j = i;
      while (j < n && text[j] !== '\n') j++;
      out += ' '.repeat(j - i);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new SyntaxError(`unterminated /* comment at offset ${i}`);
      out += text.slice(i, end + 2).replace(/[^\n]/g, ' ');
      i = end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function lineCol(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function readScenario(file) {
  const stripped = stripComments(readFileSync(file, 'utf8'));
  try {
    return JSON.parse(stripped);
  } catch (e) {
    const m = /position (\d+)/.exec(e.message);
    throw new Error(`${path.relative(ROOT, file)}: not valid JSON${m ? ' at ' + lineCol(stripped, +m[1]) : ''}: ${e.message}`);
  }
}

// RFC 7386 JSON Merge Patch, as nlohmann::json::merge_patch applies it.
function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// The complete document a file describes: its `extends` chain resolved and merged.
function resolveScenario(file, chain = []) {
  if (chain.includes(file)) throw new Error(`extends cycle: ${[...chain, file].join(' -> ')}`);
  const doc = readScenario(file);
  if (typeof doc.extends !== 'string') return doc;
  const base = resolveScenario(path.resolve(path.dirname(file), doc.extends), [...chain, file]);
  const { extends: _, ...patch } = doc;
  return mergePatch(base, patch);
}

function findScenarios(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findScenarios(full));
    else if (entry.name.endsWith('.json') && full !== SCHEMA_PATH) found.push(full);
  }
  return found.sort();
}

// ---- The schema ----------------------------------------------------------------

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
// strictRequired is off: "required" in if/then names properties declared beside it, not inside.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: 'log' });
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(schema);
  check('schema.json compiles as a strict draft 2020-12 schema', true);
} catch (e) {
  check('schema.json compiles as a strict draft 2020-12 schema', false, e.message);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
}
// The same rules for a complete document, whatever it contains.
const { if: _if, then: _then, else: _else, ...rules } = schema;
const validateComplete = ajv.compile({ ...rules, $ref: '#/$defs/scenario' });

function errorsOf(v) {
  return (v.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`).join('\n');
}

check('the _patch definitions are up to date (node tests/schema/derive_patch.mjs --write)',
      isDeepStrictEqual(withDerivedPatch(schema), schema));

// Editors show `description` on hover: every property of the rules needs one.
{
  const missing = [];
  const walk = (s, where) => {
    if (typeof s !== 'object' || s === null) return;
    for (const [k, v] of Object.entries(s)) {
      if (k === 'if' || k === 'not') continue;  // tests, not rules
      if (k === 'properties') {
        for (const [p, ps] of Object.entries(v)) {
          if (ps !== false && !ps.description) missing.push(`${where}/properties/${p}`);
          walk(ps, `${where}/properties/${p}`);
        }
      } else walk(v, `${where}/${k}`);
    }
  };
  walk(schema, '#');
  check('every property has a description', missing.length === 0, missing.join('\n'));
}

// ---- Every scenario in the repository ------------------------------------------------

for (const file of findScenarios(SCENARIOS)) {
  const shown = path.relative(ROOT, file);
  let doc;
  try {
    doc = readScenario(file);
  } catch (e) {
    check(`${shown} parses`, false, e.message);
    continue;
  }
  const partial = typeof doc.extends === 'string';
  check(`${shown} matches the schema${partial ? ' as a partial document' : ''}`, validate(doc), errorsOf(validate));
  if (partial) {
    try {
      const merged = resolveScenario(file);
      check(`${shown} merged onto ${doc.extends} matches the schema`, validateComplete(merged), errorsOf(validateComplete));
    } catch (e) {
      check(`${shown} resolves its extends chain`, false, e.message);
    }
  }
}

// ---- Inline documents: broken ones must fail, valid ones pass ------------------------

const clone = x => structuredClone(x);
const minimal = {
  meta: { name: 'inline', start_date: '2024-01-01', horizon_days: 100, replications: 1 },
  arrivals: { reports_per_year: 100 },
  case_types: { adult: { share: 1 } },
  resources: { investigators: { count: 5 } },
  pathway: {
    entry: 'investigation',
    stages: {
      investigation: { kind: 'work', pool: 'investigators', duration: 30, next: 'decision' },
      decision: { kind: 'decision', branches: [{ to: 'charged', probability: 0.3 }, { to: 'nfa', probability: 0.7 }] },
      charged: { kind: 'terminal', outcome: 'charged' },
      nfa: { kind: 'terminal', outcome: 'police_nfa' },
    },
  },
};
const edit = f => { const d = clone(minimal); f(d); return d; };
const stages = d => d.pathway.stages;

// Charged cases go to a trial listed in the court diary, which may crack.
const listed = edit(d => {
  d.resources.courtrooms = { count: 2 };
  d.resources.ticketed_judges = { count: 2 };
  d.courts = { rooms: 'courtrooms', judges: 'ticketed_judges', overlisting: 1.2 };
  stages(d).decision.branches[0].to = 'trial';
  stages(d).trial = {
    kind: 'court', milestone: 'trial_start',
    listing: {
      notice: { lognormal: { median: 90, p90: 240 } }, relist_notice: 60,
      sitting_days: { triangular: { min: 2, mode: 4, max: 10 } },
      cracked: { probability: 0.2, branches: [{ to: 'charged', probability: 0.7 }, { to: 'nfa', probability: 0.3 }] },
      early_adjournment: { prosecution_not_ready: 0.05, defence_not_ready: 0.03, advocate_unavailable: 0.02 },
      late_adjournment: { prosecution_witness_absent: 0.04, defendant_absent_or_ill: 0.02, other: 0.01 },
      repeat_multiplier: 1.3,
    },
    branches: [{ to: 'charged', probability: 0.6 }, { to: 'nfa', probability: 0.4 }],
  };
});
const editListed = f => { const d = clone(listed); f(d); return d; };
const listing = d => d.pathway.stages.trial.listing;

// [name, document, expected valid?]
const inline = [
  ['minimal complete scenario', minimal, true],
  ['comments in strings survive stripping', JSON.parse(stripComments(
    '{"meta": {"name": "a // b /* c */ \\" // d", "description": "ends in a backslash \\\\", // e\n' +
    '"start_date": "2024-01-01"}, /* f \n "g" */ "arrivals": {"reports_per_year": 1},' +
    '"case_types": {"x": {"share": 1}}, "pathway": {"entry": "s", "stages": {"s": {"kind": "terminal", "outcome": "o"}}}}')), true],
  ['every distribution form', edit(d => {
    const forms = [0, { fixed: 2 }, { exponential: { mean: 3 } }, { lognormal: { median: 10, p90: 30 } },
      { lognormal: { mu: 2, sigma: 0.5 } }, { gamma: { shape: 2, scale: 5 } }, { weibull: { shape: 1.5, scale: 9 } },
      { triangular: { min: 1, mode: 2, max: 5 } }, { uniform: { min: 1, max: 4 } }, { empirical: [1, 2, 5] },
      { histogram: { edges: [0, 10, 20], weights: [3, 1] } }];
    let next = 'decision';
    forms.forEach((f, i) => { stages(d)[`d${i}`] = { kind: 'delay', duration: f, next }; next = `d${i}`; });
    stages(d).investigation.next = next;
  }), true],
  ['unknown key at the top level', edit(d => { d.arrival = { reports_per_year: 5 }; }), false],
  ['unknown key in a stage', edit(d => { stages(d).investigation.pool_name = 'investigators'; }), false],
  ['wrong type: reports_per_year as a string', edit(d => { d.arrivals.reports_per_year = '100'; }), false],
  ['wrong type: count not a whole number', edit(d => { d.resources.investigators.count = 2.5; }), false],
  ['work stage without pool', edit(d => { delete stages(d).investigation.pool; }), false],
  ['work stage without duration', edit(d => { delete stages(d).investigation.duration; }), false],
  ['branch probability 1.5', edit(d => { stages(d).decision.branches[0].probability = 1.5; }), false],
  ['by_type probability 1.5', edit(d => { stages(d).decision.branches[0].by_type = { adult: 1.5 }; }), false],
  ['start_date not YYYY-MM-DD', edit(d => { d.meta.start_date = '01/04/2024'; }), false],
  ['start_date that does not exist', edit(d => { d.meta.start_date = '2023-02-29'; }), false],
  ['missing meta', edit(d => { delete d.meta; }), false],
  ['a dated change: a go-live', edit(d => {
    d.dated_changes = [{ from: '2024-02-01', description: 'go-live',
      scale: { '/pathway/stages/investigation/duration': 0.8 },
      set: { '/pathway/stages/decision/branches/0/probability': 0.4, '/pathway/stages/decision/branches/1/probability': 0.6 } }];
  }), true],
  ['a dated change without its date', edit(d => {
    d.dated_changes = [{ scale: { '/pathway/stages/investigation/duration': 0.8 } }];
  }), false],
  ['a dated scale that is not a number', edit(d => {
    d.dated_changes = [{ from: '2024-02-01', scale: { '/pathway/stages/investigation/duration': 'half' } }];
  }), false],
  ['a dated change to a pointer without its leading /', edit(d => {
    d.dated_changes = [{ from: '2024-02-01', set: { 'pathway/stages/investigation/duration': 20 } }];
  }), false],
  ['terminal stage with next', edit(d => { stages(d).nfa.next = 'charged'; }), false],
  ['terminal stage with duration', edit(d => { stages(d).nfa.duration = 1; }), false],
  ['terminal stage without outcome', edit(d => { delete stages(d).nfa.outcome; }), false],
  ['decision stage with duration', edit(d => { stages(d).decision.duration = 1; }), false],
  ['delay stage with pool', edit(d => { stages(d).decision = { kind: 'delay', duration: 1, pool: 'investigators', next: 'nfa' }; }), false],
  ['outcome on a work stage', edit(d => { stages(d).investigation.outcome = 'x'; }), false],
  ['stage with both next and branches', edit(d => { stages(d).decision.next = 'nfa'; }), false],
  ['stage with neither next nor branches', edit(d => { delete stages(d).decision.branches; }), false],
  ['unknown stage kind', edit(d => { stages(d).decision.kind = 'choice'; }), false],
  ['stage name with capitals', edit(d => { stages(d).Decision = stages(d).decision; delete stages(d).decision; stages(d).investigation.next = 'Decision'; }), false],
  ['distribution with two keys', edit(d => { stages(d).investigation.duration = { fixed: 1, exponential: { mean: 2 } }; }), false],
  ['lognormal mixing median and sigma', edit(d => { stages(d).investigation.duration = { lognormal: { median: 10, sigma: 1 } }; }), false],
  ['lognormal with median only', edit(d => { stages(d).investigation.duration = { lognormal: { median: 10 } }; }), false],
  ['negative duration', edit(d => { stages(d).investigation.duration = -1; }), false],
  ['unknown distribution', edit(d => { stages(d).investigation.duration = { normal: { mean: 10 } }; }), false],
  ['seasonality of 11 months', edit(d => { d.arrivals.seasonality = Array(11).fill(1); }), false],
  ['growth_per_year of -1', edit(d => { d.arrivals.growth_per_year = -1; }), false],
  ['isva_share above 1', edit(d => { d.withdrawal = { isva_share: 1.2 }; }), false],
  ['deadline from and to the same', edit(d => { d.deadlines = { x: { from: 'charge', to: 'charge', limit: 10 } }; }), false],
  ['deadline in weeks', edit(d => { d.deadlines = { x: { from: 'report', to: 'charge', limit: 10, unit: 'weeks' } }; }), false],
  ['milestone "report" on a stage', edit(d => { stages(d).investigation.milestone = 'report'; }), false],
  ['initial case without stage_entry_date', edit(d => {
    d.initial_state = { cases: [{ id: 'c1', type: 'adult', stage: 'investigation', report_date: '2023-06-01' }] };
  }), false],
  ['null in a complete scenario', edit(d => { d.withdrawal = null; }), false],
  ['partial: a stage changed by its duration only, a step deleted', {
    extends: '../baseline.json',
    arrivals: { steps: null, growth_per_year: 0.05 },
    pathway: { stages: { investigation: { duration: { lognormal: { median: 150 } } } } },
  }, true],
  ['partial: switching distribution by deleting the old one', {
    extends: '../baseline.json',
    pathway: { stages: { investigation: { duration: { lognormal: null, gamma: { shape: 2, scale: 90 } } } } },
  }, true],
  ['partial: a stage switched from next to branches', {
    extends: '../baseline.json',
    pathway: { stages: { investigation: { next: null, branches: [{ to: 'police_decision', probability: 1 }] } } },
  }, true],
  ['partial: a lognormal switched from median/p90 to mu/sigma', {
    extends: '../baseline.json',
    pathway: { stages: { investigation: { duration: { lognormal: { median: null, p90: null, mu: 5, sigma: 0.8 } } } } },
  }, true],
  ['partial: a stage made terminal, deleting its old keys and the stages after it', {
    extends: '../baseline.json',
    pathway: { stages: {
      ptph_wait: { kind: 'terminal', outcome: 'stopped', duration: null, next: null, withdrawal_per_year: null },
      ptph: null, guilty_plea: null, trial: null, late_guilty_plea: null, no_evidence_offered: null,
      convicted: null, acquitted: null,
      sentence: null, plea_sentence: null, late_plea_sentence: null,
    } },
    meta: { assumptions: null, levers: null },  // some name values of the deleted stages and the courts
    initial_state: null,  // its open cases include some awaiting trial
    courts: null,         // no listed stage is left
    section_28: null,     // nor a court to record in
    // nor the outcomes that raise sentence contacts
    communication: { events_at_stages: { convicted: null, guilty_plea: null, late_guilty_plea: null } },
  }, true],
  ['partial: a stage made terminal with a duration', {
    extends: '../baseline.json',
    pathway: { stages: { ptph_wait: { kind: 'terminal', outcome: 'stopped', duration: 3, next: null } } },
  }, false],
  ['partial: a stage made terminal, forgetting its old duration (loader only)', {
    extends: '../baseline.json',
    pathway: { stages: { ptph_wait: { kind: 'terminal', outcome: 'stopped', next: null, withdrawal_per_year: null } } },
  }, true, false],
  ['partial: unknown key', { extends: '../baseline.json', resources: { investigators: { cuont: 3 } } }, false],
  ['partial: wrong type', { extends: '../baseline.json', withdrawal: { isva_share: '60%' } }, false],
  ['partial: probability 1.5', {
    extends: '../baseline.json',
    pathway: { stages: { cps_decision: { branches: [{ to: 'charged', probability: 1.5 }] } } },
  }, false],
  ['partial: a replaced array must be complete (branch without to)', {
    extends: '../baseline.json',
    pathway: { stages: { cps_decision: { branches: [{ probability: 1 }] } } },
  }, false],
  ['partial: bad date', { extends: '../baseline.json', meta: { start_date: '2024-4-1' } }, false],
  ['partial: extends not a string', { extends: null, meta: { name: 'x' } }, false],
  ['courts and a trial listed in the court diary', listed, true],
  ['listed trial with a duration too', editListed(d => { stages(d).trial.duration = 5; }), false],
  ['listing on a work stage', edit(d => { stages(d).investigation.listing = { sitting_days: 3 }; }), false],
  ['unknown adjournment cause', editListed(d => { listing(d).late_adjournment.jury_unwell = 0.01; }), false],
  ['no_courtroom_or_judge given as a chance', editListed(d => { listing(d).late_adjournment.no_courtroom_or_judge = 0.05; }), false],
  ['overlisting of 0.5', editListed(d => { d.courts.overlisting = 0.5; }), false],
  ['persistence and court moves', editListed(d => {
    listing(d).persistence = { causes: ['defence_not_ready', 'advocate_unavailable'], same_cause_multiplier: 1.5,
                               other_cause_multiplier: 1.1, frailty_cv: 0.8, max_chance: 0.7, description: 'assumption' };
    listing(d).court_moves = { chances: { custody_case_took_room: 0.03, judge_unavailable: 0.02 },
                               notice: { uniform: { min: 1, max: 14 } }, description: 'assumption' };
  }), true],
  ['persistence frailty_cv of 4', editListed(d => { listing(d).persistence = { frailty_cv: 4 }; }), false],
  ['persistence max_chance of 0', editListed(d => { listing(d).persistence = { max_chance: 0 }; }), false],
  ['persistence of a diary cause', editListed(d => { listing(d).persistence = { causes: ['overrun'] }; }), false],
  ['court moves without chances', editListed(d => { listing(d).court_moves = { notice: 3 }; }), false],
  ['court move for an unknown cause', editListed(d => { listing(d).court_moves = { chances: { judge_ill: 0.1 } }; }), false],
  ['court moves summing to 1.1 (loader only)', editListed(d => {
    listing(d).court_moves = { chances: { judge_unavailable: 0.6, other_trial_overran: 0.5 } };
  }), true, false],
  ['courts without rooms', editListed(d => { delete d.courts.rooms; }), false],
  ['partial: only overlisting changed', { extends: '../listed.json', courts: { overlisting: 1.5 } }, true],
  // What a schema cannot see: the loader alone rejects these.
  ['shares summing to 0.9 (loader only)', edit(d => { d.case_types.adult.share = 0.9; }), true, false],
  ['branches summing to 0.9 (loader only)', edit(d => { stages(d).decision.branches[1].probability = 0.6; }), true, false],
  ['next naming a stage that does not exist (loader only)', edit(d => { stages(d).investigation.next = 'decison'; }), true, false],
  ['warmup_days not below horizon_days (loader only)', edit(d => { d.meta.warmup_days = 100; }), true, false],
  ['lognormal p90 below the median (loader only)', edit(d => { stages(d).investigation.duration = { lognormal: { median: 30, p90: 20 } }; }), true, false],
  // The loader does not check these names yet (format: every name matches ^[a-z][a-z0-9_]*$).
  ['case type name with capitals', edit(d => { d.case_types = { Adult: { share: 1 } }; }), false, 'skip'],
  ['resource name with capitals', edit(d => {
    d.resources = { Investigators: { count: 5 } };
    stages(d).investigation.pool = 'Investigators';
  }), false, 'skip'],
];

const casesim = process.argv[2] ?? process.env.CASESIM;
const useLoader = casesim && existsSync(casesim);
const workDir = useLoader ? mkdtempSync(path.join(tmpdir(), 'casesim-schema-')) : null;
if (useLoader) {
  // The partial documents extend ../baseline.json (or ../listed.json, the inline scenario with
  // courts), so they are written one level below a copy.
  writeFileSync(path.join(workDir, 'baseline.json'), readFileSync(path.join(SCENARIOS, 'baseline.json')));
  writeFileSync(path.join(workDir, 'listed.json'), JSON.stringify(listed, null, 2));
  // The loader resolves initial_state.csv against the extending file, not the file that names
  // it, so the partial documents in x/ need the CSV beside them too.
  mkdirSync(path.join(workDir, 'x'));
  for (const dir of [workDir, path.join(workDir, 'x')])
    writeFileSync(path.join(dir, 'baseline-open-cases.csv'), readFileSync(path.join(SCENARIOS, 'baseline-open-cases.csv')));
}

// [name, document, accepted by the schema?, accepted by casesim validate? (default: the same; 'skip': not asked)]
inline.forEach(([name, doc, expected, loaderExpected = expected], i) => {
  const ok = validate(doc);
  check(`inline: ${name} is ${expected ? 'accepted' : 'rejected'} by the schema`, ok === expected,
        ok ? 'the schema accepted it' : errorsOf(validate));
  if (useLoader && loaderExpected !== 'skip') {
    const file = path.join(workDir, 'x', `doc${i}.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const r = spawnSync(casesim, ['validate', file], { encoding: 'utf8' });
    check(`inline: ${name} is ${loaderExpected ? 'accepted' : 'rejected'} by casesim validate`,
          (r.status === 0) === loaderExpected,
          `casesim validate exit ${r.status}: ${(r.stdout + r.stderr).trim()}`);
  }
});
if (workDir) rmSync(workDir, { recursive: true, force: true });
if (!useLoader) console.log('note: casesim binary not given; the loader cross-check was skipped');

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

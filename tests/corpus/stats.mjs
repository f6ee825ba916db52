// Validates the corpus and prints its counts: per kind, per section (violations by what they
// expect, near-misses by what they forbid) and per split. Exits 1 on any error, so CI and a
// pre-commit run catch a bad line. Usage: node tests/corpus/stats.mjs [--markdown]
import fs from 'node:fs';
import path from 'node:path';
import {
  here, SPLITS, RULES, SECTIONS, REQUIRED, MIN, readJsonl, sources, strip, section, bySection, stratum, isCity,
} from './corpus.mjs';

const readme = process.argv.includes('--readme');
const md = readme || process.argv.includes('--markdown');
// With --readme the tables also go into README.md, between the counts markers.
const printed = [];
const log = console.log;
console.log = (...a) => {
  printed.push(a.join(' '));
  log(...a);
};
const errors = [];
const err = (c, msg) => errors.push(`${c.__file}:${c.__line}${c.id ? ` (${c.id})` : ''}: ${msg}`);

const KINDS = ['clean', 'violation', 'near-miss'];
const ENUMS = {
  surface: ['post', 'reply', 'comment', 'dm', 'profile', 'login', 'unknown'],
  acting_as: ['self', 'page', 'company', 'brand'],
  action: ['follow', 'like', 'friend'],
};
const OBJECTS = { account: ['handle', 'name'], user: ['email', 'name', 'title'], target: ['kind', 'name', 'handle'] };
const CLI = ['text', 'platform', 'account', 'acting_as', 'surface', 'field', 'target', 'user', 'action', 'city_password'];
const CORPUS = ['id', 'expect', 'forbid', 'allow', 'kind', 'source', 'group'];
const KNOWN = new Set([...SECTIONS, ...Object.keys(RULES)]);

function validate(c) {
  if (c.__error) return errors.push(c.__error);
  for (const k of Object.keys(strip(c))) if (![...CLI, ...CORPUS].includes(k)) err(c, `unknown field "${k}"`);
  if (typeof c.id !== 'string' || !/^[a-z0-9-]+-\d{4}$/.test(c.id)) err(c, 'id must look like theme-0001');
  if (typeof c.text !== 'string') err(c, 'text must be a string');
  if (!KINDS.includes(c.kind)) err(c, `kind must be one of ${KINDS.join(', ')}`);
  if (typeof c.source !== 'string' || !c.source) err(c, 'source is required');
  for (const [k, vals] of Object.entries(ENUMS)) if (c[k] !== undefined && !vals.includes(c[k])) err(c, `${k} "${c[k]}" is not one of ${vals.join(', ')}`);
  if (c.target?.kind !== undefined && !['person', 'organization', 'unknown'].includes(c.target.kind)) err(c, `target.kind "${c.target.kind}"`);
  for (const [k, fields] of Object.entries(OBJECTS))
    if (c[k] !== undefined)
      for (const f of Object.keys(c[k])) if (!fields.includes(f) || typeof c[k][f] !== 'string') err(c, `${k}.${f} is not a string field of ${k}`);
  if (c.city_password !== undefined && typeof c.city_password !== 'boolean') err(c, 'city_password must be a boolean');
  for (const k of ['expect', 'forbid', 'allow']) {
    if (c[k] === undefined && k === 'allow') continue;
    if (!Array.isArray(c[k])) {
      err(c, `${k} must be an array`);
      continue;
    }
    for (const l of c[k]) if (!(KNOWN.has(l) || (k === 'forbid' && l === '*'))) err(c, `${k}: "${l}" is neither a section nor a rule id`);
  }
  if (!Array.isArray(c.expect) || !Array.isArray(c.forbid)) return;
  const exp = new Set(c.expect.map(section));
  for (const l of [...c.forbid, ...(c.allow ?? [])]) if (exp.has(section(l))) err(c, `"${l}" is both expected and forbidden or allowed`);
  if (c.kind === 'clean' && (c.expect.length || !c.forbid.includes('*'))) err(c, 'a clean case expects nothing and forbids "*"');
  if (c.kind === 'violation' && !c.expect.length) err(c, 'a violation expects at least one section');
  if (c.kind === 'near-miss' && !c.forbid.some((f) => f !== '*')) err(c, 'a near-miss names the section it must not trigger in forbid');
}

const cases = sources();
cases.forEach(validate);
const seen = new Map();
for (const c of cases) {
  if (!c.id) continue;
  if (seen.has(c.id)) err(c, `duplicate id, first in ${seen.get(c.id)}`);
  else seen.set(c.id, `${c.__file}:${c.__line}`);
}
const texts = new Map();
const warnings = [];
for (const c of cases) {
  const key = JSON.stringify([c.text, c.platform, c.account, c.surface, c.user, c.field, c.target, c.action, c.city_password]);
  if (texts.has(key)) warnings.push(`${c.id}: same draft as ${texts.get(key)}`);
  else texts.set(key, c.id);
}

// The splits: every source case in exactly one, with the same content.
const bySplit = {};
const splitOf = new Map();
for (const s of SPLITS) {
  bySplit[s] = readJsonl(path.join(here, `${s}.jsonl`));
  for (const c of bySplit[s]) {
    if (c.__error) errors.push(c.__error);
    else if (splitOf.has(c.id)) errors.push(`${s}.jsonl: ${c.id} is also in ${splitOf.get(c.id)}.jsonl`);
    else splitOf.set(c.id, s);
  }
}
const src = new Map(cases.map((c) => [c.id, JSON.stringify(strip(c))]));
for (const [id, s] of splitOf) if (!src.has(id)) errors.push(`${s}.jsonl: ${id} is not in src/ (run split.mjs)`);
for (const s of SPLITS)
  for (const c of bySplit[s]) if (src.has(c.id) && src.get(c.id) !== JSON.stringify(strip(c))) errors.push(`${s}.jsonl: ${c.id} differs from src/ (run split.mjs)`);
for (const id of src.keys()) if (!splitOf.has(id)) errors.push(`${id} is in no split (run split.mjs)`);

// Counts.
const cols = ['all', ...SPLITS];
const table = (title, rows) => {
  const w = Math.max(...rows.map((r) => r[0].length), title.length);
  const lines = [];
  if (md) {
    lines.push(`| ${title} | ${cols.join(' | ')} |`, `|${'---|'.repeat(cols.length + 1)}`);
    for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  } else {
    lines.push(`${title.padEnd(w)}  ${cols.map((c) => c.padStart(6)).join('')}`);
    for (const r of rows) lines.push(`${r[0].padEnd(w)}  ${r.slice(1).map((x) => String(x).padStart(6)).join('')}`);
  }
  console.log(lines.join('\n') + '\n');
};
const where = (c) => splitOf.get(c.id);
const row = (label, pred) => [label, ...cols.map((s) => cases.filter((c) => !c.__error && pred(c) && (s === 'all' || where(c) === s)).length)];
const ok = cases.filter((c) => !c.__error);
const n = ok.length;
table('kind', [
  ...['clean', 'violation', 'near-miss'].map((k) => {
    const r = row(k, (c) => c.kind === k);
    r[0] = `${k} (${Math.round((100 * r[1]) / n)}%)`;
    return r;
  }),
  row('total', () => true),
]);
table('clean, by account', [row('City account', (c) => c.kind === 'clean' && isCity(c)), row('personal account', (c) => c.kind === 'clean' && !isCity(c))]);
const secs = [...new Set([...SECTIONS])].sort(bySection);
table('violations expecting', secs.map((s) => row(`§${s}`, (c) => c.kind === 'violation' && c.expect.map(section).includes(s))).filter((r) => r[1]));
table('near-misses forbidding', secs.map((s) => row(`§${s}`, (c) => c.kind === 'near-miss' && c.forbid.map(section).includes(s))).filter((r) => r[1]));
const bySource = new Map();
for (const c of ok) {
  const s = c.source.replace(/#.*/, '').replace(/^(hand|generated-pii):.*/, '$1');
  bySource.set(s, (bySource.get(s) ?? 0) + 1);
}
console.log(`sources: ${[...bySource].map(([s, k]) => `${s} ${k}`).join(', ')}; ${new Set(ok.filter((c) => c.source.startsWith('hand:')).map((c) => c.source)).size} hand-written voices\n`);

// Minimums, and the split's balance per stratum.
for (const s of REQUIRED) {
  const k = ok.filter((c) => c.kind === 'violation' && c.expect.map(section).includes(s)).length;
  if (k < MIN) errors.push(`§${s}: ${k} violations, fewer than ${MIN}`);
}
const strata = new Map();
for (const c of ok) {
  const st = stratum(c);
  if (!strata.has(st)) strata.set(st, { train: 0, dev: 0, test: 0 });
  if (where(c)) strata.get(st)[where(c)]++;
}
for (const [st, k] of strata) {
  const t = k.train + k.dev + k.test;
  if (t >= 10 && (k.test === 0 || k.dev === 0)) errors.push(`stratum ${st}: ${t} cases but none in dev or test`);
}
for (const w of warnings) console.log(`warning: ${w}`);
if (errors.length) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`${errors.length} error(s)`);
  process.exit(1);
}
console.log(`ok: ${n} cases, ids unique, labels known, §-minimums of ${MIN} met, splits match src/`);
if (readme) {
  const file = path.join(here, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const block = printed.filter((l) => !l.startsWith('warning:') && !l.startsWith('ok:')).join('\n').trim();
  const out = text.replace(/(<!-- counts:[^\n]*-->\n)[\s\S]*?(<!-- \/counts -->)/, `$1${block}\n$2`);
  fs.writeFileSync(file, out);
}

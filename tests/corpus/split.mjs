// Splits src/*.jsonl into train.jsonl, dev.jsonl and test.jsonl, about 60/20/20 within each
// stratum (kind and section), once: a case already in a split stays there (its labels and
// text are refreshed from src), so adding cases never moves the test split. New cases are
// dealt in the order of a hash of their id to the split furthest below its share of their
// stratum; cases that share a "group" (one generator frame) go where the group went first.
// Usage: node tests/corpus/split.mjs        (--fresh recomputes every assignment)
import fs from 'node:fs';
import path from 'node:path';
import { here, SPLITS, TARGET, readJsonl, sources, strip, stratum, hash } from './corpus.mjs';

const fresh = process.argv.includes('--fresh');
const cases = sources();
const bad = cases.filter((c) => c.__error);
if (bad.length) {
  for (const c of bad) console.error(c.__error);
  process.exit(1);
}
const where = new Map();
if (!fresh)
  for (const s of SPLITS) for (const c of readJsonl(path.join(here, `${s}.jsonl`))) if (c.id) where.set(c.id, s);
const groupWhere = new Map();
const count = new Map(); // stratum -> {train, dev, test}
const tally = (st, s) => {
  if (!count.has(st)) count.set(st, { train: 0, dev: 0, test: 0 });
  count.get(st)[s]++;
};
const ids = new Set(cases.map((c) => c.id));
for (const [id, s] of [...where]) if (!ids.has(id)) where.delete(id); // removed from src
for (const c of cases)
  if (where.has(c.id)) {
    tally(stratum(c), where.get(c.id));
    if (c.group && !groupWhere.has(c.group)) groupWhere.set(c.group, where.get(c.id));
  }
const todo = cases.filter((c) => !where.has(c.id)).sort((a, b) => (hash(a.id) < hash(b.id) ? -1 : 1));
for (const c of todo) {
  const st = stratum(c);
  let s = c.group && groupWhere.get(c.group);
  if (!s) {
    const n = count.get(st) ?? { train: 0, dev: 0, test: 0 };
    const total = n.train + n.dev + n.test + 1;
    s = SPLITS.reduce((best, x) => (TARGET[x] * total - n[x] > TARGET[best] * total - n[best] ? x : best), 'train');
    if (c.group) groupWhere.set(c.group, s);
  }
  where.set(c.id, s);
  tally(st, s);
}
for (const s of SPLITS) {
  const out = cases
    .filter((c) => where.get(c.id) === s)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((c) => JSON.stringify(strip(c)));
  fs.writeFileSync(path.join(here, `${s}.jsonl`), out.join('\n') + '\n');
  console.log(`${s}: ${out.length}`);
}

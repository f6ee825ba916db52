// Per-section precision and recall of `postguard check --jsonl` on a split, for tuning the rules
// on train and dev (issue 11). `postguard eval` is the real evaluator; this is the quick view.
//   node tests/corpus/score.mjs [train|dev] [--bin PATH] [--misses SECTION]
// A case counts once per section: a hit if it expects the section and a finding has it, a miss
// if it expects it and none has, a false alarm if a finding has it and the labels forbid it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { here, readJsonl, section, bySection } from './corpus.mjs';

const args = process.argv.slice(2);
const split = args.find((a) => !a.startsWith('--') && !args[args.indexOf(a) - 1]?.startsWith('--')) ?? 'dev';
if (split === 'test' && !args.includes('--final')) {
  console.error('test is for the final report only: pass --final');
  process.exit(2);
}
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const target = process.env.CARGO_TARGET_DIR ?? path.join(here, '../../target');
const bin = opt('--bin') ?? path.join(target, 'release/postguard');
const misses = opt('--misses');

const cases = readJsonl(path.join(here, `${split}.jsonl`));
const input = cases.map(({ __file, __line, ...c }) => JSON.stringify(c)).join('\n') + '\n';
const out = execFileSync(bin, ['check', '--jsonl'], { input, maxBuffer: 1 << 28 }).toString().trim().split('\n');

const stats = {};
const at = (s) => (stats[s] ??= { tp: 0, fn: 0, fp: 0 });
cases.forEach((c, i) => {
  const v = JSON.parse(out[i]);
  const found = new Set((v.findings ?? []).map((f) => f.section));
  const expect = new Set(c.expect.map(section));
  const allow = new Set((c.allow ?? []).map(section));
  const forbid = new Set(c.forbid.map(section));
  for (const s of expect) {
    if (found.has(s)) at(s).tp++;
    else {
      at(s).fn++;
      if (misses === s) console.log(`MISS ${c.id}: ${c.text.slice(0, 160)}`);
    }
  }
  for (const s of found) {
    if (expect.has(s) || allow.has(s)) continue;
    if (forbid.has(s) || forbid.has('*')) {
      at(s).fp++;
      if (misses === s) {
        const f = v.findings.find((f) => f.section === s);
        console.log(`FALSE ${c.id} [${c.kind}]: ${c.text.slice(0, 160)}\n    ${(f.evidence ?? []).map((e) => e.text).join(' | ')}`);
      }
    }
  }
});
const pct = (x) => (Number.isFinite(x) ? (100 * x).toFixed(0).padStart(4) + '%' : '    -');
console.log(`${split}: ${cases.length} cases`);
console.log('section     precision  recall    tp  fn  fp');
for (const s of Object.keys(stats).sort(bySection)) {
  const { tp, fn, fp } = stats[s];
  console.log(`${s.padEnd(10)} ${pct(tp / (tp + fp))}     ${pct(tp / (tp + fn))}  ${String(tp).padStart(4)} ${String(fn).padStart(3)} ${String(fp).padStart(3)}`);
}

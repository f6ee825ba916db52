// What split.mjs and stats.mjs share: reading the sources and the splits, the known sections
// and rule ids (from src/rules/*.rs), and each case's stratum.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export const here = path.dirname(new URL(import.meta.url).pathname);
export const SPLITS = ['train', 'dev', 'test'];
export const TARGET = { train: 0.6, dev: 0.2, test: 0.2 };

/** Rule id → the section it cites, as in src/rules/*.rs (ID and RULE.section). */
export const RULES = {
  'city-account-personal-context': '6.4',
  'city-email-personal-account': '6.4.1.2',
  'city-password-social-site': '6.4.1.2',
  'reply-signature': '6.2.6',
  'city-account-connection': '6.2.7',
  'unauthorized-user': '6.1.2',
  'personal-information': '6.5.2.6',
  'abusive-language': '6.5.2.2',
  'sexual-content': '6.5.2.4',
  'political-activity': '6.5.2.5',
  'off-mission-link': '6.1.4',
  'dm-public-record': '6.2.8',
  'official-position': '6.4.1.1',
  'city-business-personal-account': '6.4.1.4',
};
export const SECTIONS = [...new Set(Object.values(RULES))].sort(bySection);
/** The sections the corpus must cover with at least MIN violations each. */
export const REQUIRED = ['6.4', '6.5.2.6', '6.5.2.2', '6.5.2.4', '6.5.2.5', '6.1.4', '6.2.8', '6.2.6', '6.4.1.1', '6.4.1.4', '6.4.1.2'];
export const MIN = 40;

export function bySection(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d) return d;
  }
  return 0;
}
/** A label (section or rule id) as its section. */
export const section = (label) => RULES[label] ?? label;

export function readJsonl(file) {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => {
      try {
        return { ...JSON.parse(line), __file: path.basename(file), __line: n };
      } catch (e) {
        return { __error: `${path.basename(file)}:${n}: ${e.message}`, __file: path.basename(file), __line: n };
      }
    });
}

export function sources() {
  const dir = path.join(here, 'src');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readJsonl(path.join(dir, f)));
}

export const strip = (c) => {
  const { __file, __line, __error, ...rest } = c;
  return rest;
};

/** Is the draft's account one of the City's? The corpus marks City accounts by name. */
export function isCity(c) {
  const name = (c.account?.name ?? '').toLowerCase();
  const handle = (c.account?.handle ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return name.startsWith('city of west allis') || name.startsWith('west allis ') || handle.startsWith('cityofwestallis') || handle.startsWith('westallis');
}

/** The stratum a case is split within: its kind and the section it is about. */
export function stratum(c) {
  if (c.kind === 'violation') return `violation:${[...c.expect].map(section).sort(bySection)[0]}`;
  if (c.kind === 'near-miss') return `near-miss:${c.forbid.filter((f) => f !== '*').map(section).sort(bySection)[0] ?? '-'}`;
  return `clean:${isCity(c) ? 'city' : 'personal'}`;
}

export const hash = (s) => crypto.createHash('sha256').update(s).digest('hex');

// Appends hand-written cases to tests/corpus/src/<theme>.jsonl from a short batch file, so a
// batch of drafts can be typed as prose, one draft a line, with its context set once above.
// The committed src/*.jsonl files are the source of truth; a batch file is only a typing aid
// (you may also add JSON lines to src/*.jsonl directly). Usage: node author.mjs BATCH.txt
//
// Batch syntax (see README, "Adding cases"):
//   @theme police                 cases go to src/police.jsonl, ids police-0001, ...
//   @source pio-formal            recorded as "source": "hand:pio-formal" (the voice)
//   @acct wapd facebook           a City account alias (ACCOUNTS below) and platform
//   @acct p:handle:Display Name x a personal account
//   @surface reply                post | reply | comment | dm | profile
//   @user Name | Title | email    the employee at the keyboard ("@user -" clears)
//   @target person|organization Name   ("@target -" clears)
//   @field bio                    ("@field -" clears)
//   @action follow                ("@action -" clears)
//   @kind clean|violation|near-miss, then @expect 6.4 6.2.6, @forbid 6.4 (labels for lines below;
//                                 @kind clears both; @forbid is kept only for near-misses)
//   K tok tok| text               a line with its own labels: K is C, V or N; plain tokens are
//                                 expected, -tok forbidden, ~tok allowed either way; "*" is
//                                 always forbidden too unless the token "open" is given.
//   text                          a line with the block's labels
// In text, "\n" is a line break and {name} {title} {email} are the @user's.
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);

export const ACCOUNTS = {
  city: { handle: 'CityofWestAllis', name: 'City of West Allis' },
  wapd: { handle: 'WestAllisPolice', name: 'West Allis Police Department' },
  wafd: { handle: 'WestAllisFire', name: 'West Allis Fire Department' },
  lib: { handle: 'WestAllisLibrary', name: 'West Allis Public Library' },
  health: { handle: 'WestAllisHealth', name: 'West Allis Health Department' },
  dpw: { handle: 'CityofWestAllisDPW', name: 'West Allis Public Works' },
  clerk: { handle: 'CityofWestAllisClerk', name: 'West Allis City Clerk' },
  rec: { handle: 'CityofWestAllisRec', name: 'West Allis Recreation' },
  council: { handle: 'CityofWestAllisCouncil', name: 'West Allis Common Council' },
  senior: { handle: 'CityofWestAllisSeniors', name: 'West Allis Senior Center' },
  court: { handle: 'CityofWestAllisCourt', name: 'West Allis Municipal Court' },
  cd: { handle: 'CityofWestAllisCD', name: 'West Allis Community Development' },
};

const LETTER = { C: 'clean', V: 'violation', N: 'near-miss' };

export function parseBatch(src) {
  const st = { kind: 'clean', expect: [], forbid: [], surface: 'post' };
  const out = [];
  for (const raw of src.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.startsWith('#')) continue;
    if (line.startsWith('@')) {
      const [, key, rest = ''] = line.match(/^@(\w+)\s*(.*)$/);
      const v = rest.trim();
      if (key === 'acct') {
        const [a, platform] = v.split(/\s+(?=\S+$)/);
        if (a.startsWith('p:')) {
          const [, handle, name] = a.split(':');
          st.account = { handle, name };
        } else {
          if (!ACCOUNTS[a]) throw new Error(`unknown account alias ${a}`);
          st.account = { ...ACCOUNTS[a] };
        }
        st.platform = platform;
      } else if (key === 'user') {
        if (v === '-') delete st.user;
        else {
          const [name, title, email] = v.split('|').map((s) => s.trim());
          st.user = { name, ...(title ? { title } : {}), ...(email ? { email } : {}) };
        }
      } else if (key === 'target') {
        if (v === '-') delete st.target;
        else {
          const [kind, ...name] = v.split(' ');
          st.target = { kind, ...(name.length ? { name: name.join(' ') } : {}) };
        }
      } else if (['field', 'action'].includes(key)) {
        if (v === '-') delete st[key];
        else st[key] = v;
      } else if (key === 'kind') {
        // A new kind starts a new block: labels never leak from the block above.
        Object.assign(st, { kind: v, expect: [], forbid: [] });
      } else if (key === 'expect' || key === 'forbid') {
        st[key] = v ? v.split(/\s+/) : [];
      } else {
        st[key] = v;
      }
      continue;
    }
    let text = line;
    let kind = st.kind;
    let expect = st.expect;
    let forbid = kind === 'near-miss' ? st.forbid : [];
    let allow = [];
    let open = false;
    const m = line.match(/^([CVN])((?: [^|\s]+)*)\| ?(.*)$/);
    if (m) {
      kind = LETTER[m[1]];
      text = m[3];
      expect = [];
      forbid = [];
      for (const t of m[2].trim().split(/\s+/).filter(Boolean)) {
        if (t === 'open') open = true;
        else if (t.startsWith('-')) forbid.push(t.slice(1));
        else if (t.startsWith('~')) allow.push(t.slice(1));
        else expect.push(t);
      }
    }
    if (!open && !forbid.includes('*')) forbid = [...forbid, '*'];
    const u = st.user || {};
    text = text
      .replace(/\\n/g, '\n')
      .replace(/\{name\}/g, u.name ?? '')
      .replace(/\{title\}/g, u.title ?? '')
      .replace(/\{email\}/g, u.email ?? '');
    const c = { text };
    if (st.platform) c.platform = st.platform;
    if (st.account) c.account = st.account;
    if (st.surface && st.surface !== 'post') c.surface = st.surface;
    for (const k of ['user', 'target', 'field', 'action']) if (st[k]) c[k] = st[k];
    Object.assign(c, { expect, forbid, ...(allow.length ? { allow } : {}), kind, source: `hand:${st.source}` });
    if (!st.theme || !st.source) throw new Error('@theme and @source come first');
    out.push({ theme: st.theme, c });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const cases = parseBatch(fs.readFileSync(process.argv[2], 'utf8'));
  const byTheme = new Map();
  for (const { theme, c } of cases) {
    if (!byTheme.has(theme)) byTheme.set(theme, []);
    byTheme.get(theme).push(c);
  }
  for (const [theme, list] of byTheme) {
    const file = path.join(here, 'src', `${theme}.jsonl`);
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    let n = old.reduce((mx, l) => Math.max(mx, Number(JSON.parse(l).id.split('-').pop())), 0);
    const lines = list.map((c) => JSON.stringify({ id: `${theme}-${String(++n).padStart(4, '0')}`, ...c }));
    fs.writeFileSync(file, [...old, ...lines].join('\n') + '\n');
    console.log(`${theme}: +${lines.length} (now ${old.length + lines.length})`);
  }
}

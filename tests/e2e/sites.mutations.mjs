// Proves tests/e2e/sites.test.mjs can fail: each mutation breaks one feature in a COPY of the built
// extension, then runs only the tests that should catch it. Run: node tests/e2e/sites.mutations.mjs
// (about 2.5 minutes; needs a build: dist/chrome or POSTGUARD_DIST). Exits 1 if any is missed.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_EXTENSION_DIR } from './harness.mjs';

const MUTATIONS = [
  ['composing Enter taken as a submit', 'content/adapter.js', "e.key !== 'Enter' || e.isComposing || e.keyCode === 229", "e.key !== 'Enter'", '^(x post|bluesky dm|linkedin comment .quill)'],
  ['the adapter\'s insertion path ignored', 'content/main.js', 'append(el, choice.fix.insert, insert)', 'append(el, choice.fix.insert)', '^nextdoor comment'],
  ['no shadow-DOM piercing', 'content/adapter.js', 'n = pierce ? n.getRootNode().host : null', 'n = null', '^reddit: every'],
  ['submit clicks read from e.target', 'content/main.js', 'const path = e.composedPath();\n', 'const path = [e.target];\n', '^reddit post'],
  ['JSON {ref} paths', 'content/adapter.js', "k.startsWith('{') ? jsonField(root, k.slice(1, -1)) : k", 'k', '^mastodon: every'],
  ['a JSON strategy returns the whole script', 'content/adapter.js', 'const hit = v && (s.regex || s.label ? test(s, site, v) : v);', 'const hit = script.textContent;', '^tiktok: every'],
  ['English labels only', 'content/adapter.js', 'return langs.map((l) => tables[l]?.[key]).filter(Boolean);', 'return [tables.en?.[key]].filter(Boolean);', '^(facebook|bluesky): in Spanish'],
  ['the URL read once per page', 'content/adapter.js', 'safeMatch(location.pathname, s.path)', 'safeMatch((globalThis.__path ??= location.pathname), s.path)', '^(linkedin: every|x: the context)'],
  ['any submit-named button is the composer\'s', 'content/adapter.js', 'return near(button, composer, site) ? button : null;', 'return button;', '^generic fallback does not misfire'],
  ['the panel focuses its button during the submitting key', 'content/panel.js', "setTimeout(() => actions.querySelector('button')?.focus({ preventScroll: true }));", "actions.querySelector('button')?.focus({ preventScroll: true });", '^reddit profile'],
  ['acting_as ignored', 'content/adapter.js', "acting_as: first(site.actingAs, el, site, text) ?? 'self',", "acting_as: 'self',", '^(facebook: acting as — the person|linkedin: acting as — a member|youtube: acting as)'],
  ['no generic-fallback report', 'content/main.js', "ask({ type: 'adapter-status', platform: site.platform, strategy: kind.strategy }).catch(() => {});", '', '^generic fallback: reported'],
];

const here = path.dirname(new URL(import.meta.url).pathname);
let missed = 0;
for (const [name, file, from, to, pattern] of MUTATIONS) {
  const copy = mkdtempSync(path.join(tmpdir(), 'postguard-mutant-'));
  cpSync(DEFAULT_EXTENSION_DIR, copy, { recursive: true });
  const target = path.join(copy, file);
  const source = readFileSync(target, 'utf8');
  if (source.split(from).length !== 2) throw new Error(`${name}: the code to mutate is not found exactly once in ${file}`);
  writeFileSync(target, source.replace(from, to));
  const run = spawnSync(process.execPath, ['--test', `--test-name-pattern=${pattern}`, path.join(here, 'sites.test.mjs')],
    { env: { ...process.env, POSTGUARD_DIST: copy }, encoding: 'utf8' });
  rmSync(copy, { recursive: true, force: true });
  const failed = Number(/^# fail (\d+)/m.exec(run.stdout)?.[1] ?? 0);
  const passed = Number(/^# pass (\d+)/m.exec(run.stdout)?.[1] ?? 0);
  if (!failed) missed++;
  console.log(`${failed ? 'caught' : 'MISSED'}: ${name} (${failed} failed, ${passed} passed)`);
}
process.exit(missed ? 1 : 0);

// Checks on the built package that need no browser: the WASM size budget, the permissions
// PostGuard asks for, and the hosts its content scripts run on. All are promises to the people
// who install it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXTENSION_DIR as dist } from './harness.mjs';

// The engine module the service worker loads sits in every employee's typing path.
const WASM_GZIP_BUDGET = 256 * 1024; // 200 KiB until the §6.4 model (issue 11) took ~31 KB of it
const built = existsSync(path.join(dist, 'manifest.json'));
const skip = !built && `no build at ${dist}: run ./build.sh`;
const manifest = () => JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));

test("the service worker's gzipped .wasm stays within its budget", { skip }, () => {
  const wasm = readFileSync(path.join(dist, 'pkg/postguard_bg.wasm'));
  const gz = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gz <= WASM_GZIP_BUDGET, `postguard_bg.wasm is ${gz} bytes gzipped, over the ${WASM_GZIP_BUDGET} budget`);
});

test('permissions are minimal: no <all_urls>, tabs, webRequest or remote code', { skip }, () => {
  const m = manifest();
  const forbidden = ['<all_urls>', 'tabs', 'webRequest', 'webRequestBlocking', 'history', 'cookies', 'debugger', 'management'];
  const asked = [...(m.permissions ?? []), ...(m.host_permissions ?? []), ...(m.optional_permissions ?? [])];
  for (const p of forbidden) assert.ok(!asked.includes(p), `asks for ${p}`);
  // Sites granted at install: each one https site the adapters support, never a wildcard.
  const hosts = [...(m.host_permissions ?? []), ...(m.content_scripts ?? []).flatMap((c) => c.matches)];
  for (const h of hosts) {
    assert.match(h, /^https:\/\/[a-z0-9.-]+\.[a-z]+\/\*$/, `${h} is not one https site`);
  }
  // Other hosts (a City's own Mastodon server) only when the user grants one from the popup.
  for (const h of m.optional_host_permissions ?? []) assert.match(h, /^https:\/\//, h);
  // Only the WASM may be compiled; no remote script sources.
  assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  assert.equal(m.externally_connectable, undefined, 'web pages must not be able to message the extension');
});

test("the content scripts run on exactly the adapters' hosts, and the sign-in page's script on its own", { skip }, () => {
  const sites = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../extension/sites');
  const hosts = readdirSync(sites).filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(path.join(sites, f), 'utf8')).hosts ?? []);
  const [content, signIn, ...rest] = manifest().content_scripts;
  assert.deepEqual([...content.matches].sort(), [...new Set(hosts)].map((h) => `https://${h}/*`).sort(),
    'dist/ is stale (run ./build.sh), or build.sh no longer writes the matches from extension/sites/*.json');
  assert.ok(content.js.includes('content/main.js'));
  assert.deepEqual(signIn.matches, ['https://login.westalliswi.gov/*']);
  assert.deepEqual(signIn.js, ['protocol.js', 'content/password-capture.js']);
  assert.deepEqual(rest, []);
});

// The message list (extension/protocol.js) is the only place message types are named: the
// content scripts, the worker's handlers and the pages' scripts use its names, and the Rust
// pages (src/wasm/pages.rs) send only types it lists. Reads the sources; no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import '../../extension/protocol.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const P = globalThis.PostGuardProtocol;
const scripts = ['content', 'worker', 'pages'].flatMap((dir) =>
  readdirSync(path.join(repo, 'extension', dir)).filter((f) => f.endsWith('.js')).map((f) => `extension/${dir}/${f}`));
const read = (file) => readFileSync(path.join(repo, file), 'utf8');

test('the protocol is frozen and names each type once', () => {
  assert.ok(Object.isFrozen(P));
  const types = Object.values(P);
  assert.ok(types.length >= 13, types.join());
  assert.equal(new Set(types).size, types.length);
});

test('extension scripts name messages through the protocol, never as string literals', () => {
  for (const file of scripts) {
    const js = read(file);
    assert.doesNotMatch(js, /\btype:\s*['"`]/, `${file} sends a type as a string literal`);
    for (const [, name] of js.matchAll(/\b(?:PostGuardProtocol|M)\.([A-Za-z]+)\b/g)) {
      assert.ok(Object.hasOwn(P, name), `${file} uses ${name}, which extension/protocol.js does not list`);
    }
  }
});

test("the Rust pages send only the protocol's types", () => {
  const sent = [...read('src/wasm/pages.rs').matchAll(/"type":\s*"([^"]+)"/g)].map((m) => m[1]);
  assert.ok(sent.length >= 4, sent.join());
  const known = new Set(Object.values(P));
  for (const type of sent) assert.ok(known.has(type), `src/wasm/pages.rs sends "${type}", not in extension/protocol.js`);
});

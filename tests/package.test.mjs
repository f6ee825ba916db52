// The packages: ./build.sh makes Chrome/Edge and Firefox zips that are byte-for-byte the same
// from the same source, the Firefox one passes Mozilla's addons-linter with no errors, and
// `--policy FILE` bakes another city's policy in as the default.
// Slow (three builds); the cargo build is reused, except for --policy, which needs its own
// target dir (target/policy-test) so that it never races the everyday build of target/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const version = JSON.parse(await readFile(path.join(repo, 'manifest.json'), 'utf8')).version;
const sha = async (file) => createHash('sha256').update(await readFile(file)).digest('hex');
const build = (args, env = {}) =>
  run(path.join(repo, 'build.sh'), args, { cwd: repo, env: { ...process.env, ...env }, maxBuffer: 1 << 26 });

let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postguard-package-'));
  // Two builds of the same source into different directories (the second reuses the cargo build).
  await build(['--out', path.join(dir, 'a')]);
  await build(['--out', path.join(dir, 'b')]);
});
after(() => dir && rm(dir, { recursive: true, force: true }));

test('the same source gives byte-identical Chrome and Firefox zips', async () => {
  for (const name of [`postguard-chrome-${version}.zip`, `postguard-firefox-${version}.zip`]) {
    const [a, b] = [await sha(path.join(dir, 'a', name)), await sha(path.join(dir, 'b', name))];
    assert.equal(a, b, `${name} differs between two builds`);
  }
});

test('the Firefox manifest is derived: event page, add-on id, data collection, no Chrome key', async () => {
  const chrome = JSON.parse(await readFile(path.join(dir, 'a/chrome/manifest.json'), 'utf8'));
  const firefox = JSON.parse(await readFile(path.join(dir, 'a/firefox/manifest.json'), 'utf8'));
  assert.equal(chrome.background.service_worker, 'worker/background.js');
  assert.ok(chrome.key);
  assert.deepEqual(firefox.background, { scripts: ['worker/background.js'], type: 'module' });
  assert.equal(firefox.key, undefined);
  assert.equal(firefox.minimum_chrome_version, undefined);
  assert.equal(firefox.storage, undefined, "Firefox warns on Chrome's storage.managed_schema");
  assert.equal(firefox.browser_specific_settings.gecko.id, 'postguard@westalliswi.gov');
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  // Chrome may ask for the signed-in profile's email (IT's identity_from_profile); Firefox has no such API.
  assert.deepEqual(chrome.optional_permissions, ['identity', 'identity.email']);
  assert.equal(firefox.optional_permissions, undefined);
  // Everything else is the same.
  for (const m of [chrome, firefox]) {
    delete m.background; delete m.key; delete m.minimum_chrome_version; delete m.browser_specific_settings; delete m.storage;
    delete m.optional_permissions;
  }
  assert.deepEqual(firefox, chrome);
});

test('the icons: PNGs at 16, 32, 48 and 128 px (plain and City-account) in both packages, named by the manifest', async () => {
  // A PNG's width and height are the two big-endian words after the IHDR tag (bytes 16..24).
  const size = (png) => [png.readUInt32BE(16), png.readUInt32BE(20)];
  for (const pkg of ['chrome', 'firefox']) {
    const root = path.join(dir, 'a', pkg);
    const m = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8'));
    assert.deepEqual(Object.keys(m.icons), ['16', '32', '48', '128']);
    for (const [px, file] of [...Object.entries(m.icons), ...Object.entries(m.action.default_icon)]) {
      assert.deepEqual(size(await readFile(path.join(root, file))), [Number(px), Number(px)], `${pkg} ${file}`);
    }
    for (const px of [16, 32, 48, 128]) {
      const png = await readFile(path.join(root, `icons/active-${px}.png`));
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assert.deepEqual(size(png), [px, px], `${pkg} icons/active-${px}.png`);
    }
  }
});

test("Mozilla's addons-linter finds no errors and no warnings in the Firefox package", async () => {
  const linter = path.join(repo, 'node_modules/.bin/addons-linter');
  const zip = path.join(dir, 'a', `postguard-firefox-${version}.zip`);
  // Exits non-zero when it finds errors; the JSON says which.
  const out = await run(linter, ['--output', 'json', '--self-hosted', zip], { maxBuffer: 1 << 24 }).catch((e) => e);
  const report = JSON.parse(out.stdout);
  assert.deepEqual(report.errors.map((e) => `${e.code}: ${e.message} (${e.file})`), []);
  assert.equal(report.summary.errors, 0);
  assert.deepEqual(report.warnings.map((e) => `${e.code}: ${e.message} (${e.file})`), []);
});

test('./build.sh --policy bakes another city in as the default', async () => {
  const policy = JSON.parse(await readFile(path.join(repo, 'src/policy/west-allis-1317.json'), 'utf8'));
  Object.assign(policy, {
    name: 'City of Springfield Social Media Policy 7',
    city: 'City of Springfield',
    email_domains: ['springfield.gov'],
    official_site: 'https://www.springfield.gov',
    accounts: [{ platform: 'x', handle: 'SpringfieldGov' }],
  });
  delete policy.contact_email;
  delete policy.password_alert;
  const file = path.join(dir, 'springfield.json');
  await writeFile(file, JSON.stringify(policy));
  const target = path.join(repo, 'target/policy-test');
  await build(['--policy', file, '--out', path.join(dir, 'springfield')], { CARGO_TARGET_DIR: target });
  const wasm = await readFile(path.join(dir, 'springfield/chrome/pkg/postguard_bg.wasm'));
  assert.ok(wasm.includes('City of Springfield Social Media Policy 7'), 'the default in the WASM');
  assert.ok(!wasm.includes('City of West Allis Social Media Policy 1317'));
  const { stdout } = await run(path.join(target, 'release/postguard'), ['policy', 'default']);
  assert.equal(JSON.parse(stdout).city, 'City of Springfield');
  // The everyday build still has West Allis.
  const ours = await readFile(path.join(dir, 'a/chrome/pkg/postguard_bg.wasm'));
  assert.ok(ours.includes('City of West Allis Social Media Policy 1317'));
});

// Issue #5 end to end, in real headless Chromium: IT's managed configuration arrives through
// Chromium's policy directory (/etc/chromium/policies/managed, `3rdparty.extensions.<id>`), the
// options page and the popup (drawn by the WASM) show who you are and which policy is in force,
// City-account posts are recorded (with the reason for posting past a Block), exported as CSV
// and JSON, and delivered to IT's records endpoint with retries.
//
// The policy directory is machine-wide. So that the configuration written here reaches no other
// PostGuard running on this machine (other engineers' tests), the extension under test is a copy
// of dist/chrome with a test-only "key", hence its own extension id; the file is removed after.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import https from 'node:https';
import { generate } from 'selfsigned';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, extensionBuilt, extensionNetworkRequests, DEFAULT_EXTENSION_DIR, writable } from './harness.mjs';
import { X, CITY, PERSONAL, DRAFT, X_BUTTON, surface } from './fixture-facts.mjs';

const POLICY_DIR = process.env.POSTGUARD_POLICY_DIR || '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, `postguard-e2e-${process.pid}.json`);
// Public half of a key used only by this test (its private half was never kept).
const TEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3ASL56fwwOQ1Wnbrg3FBNamOHn1fNZCCoTrXjifp6jc01IxA/kZcku0q0fkmilkXH+7LGMUGs+IVJU9TuM9peU2mpuy7vTXoAZ5lDWQU+0S3scwzgOmay8G6ul272zh9RJcc5lkVUBH57J5Mz3OV9K+NisDCo56/wVwj1GKtCDivAVCwrHHPCINzFoP7oKaMtvLrhqgeK9zuMcEZgPrwfW54qskntYkPG1nXoRzCxBKvp4NYlzGwo1eEN2efU61KbL/ynn537P5Qx2UBrnprEPR/JtwhEPBz2b1H6w6DEAnjvmqmfARrfPILIflKrc/oNZImqzjMV+JIdkZu8n/Z+wIDAQAB';
// Chrome's extension id: the first 128 bits of SHA-256 of the key, as hex digits written a-p.
const TEST_ID = [...createHash('sha256').update(Buffer.from(TEST_KEY, 'base64')).digest('hex').slice(0, 32)]
  .map((c) => String.fromCharCode(97 + parseInt(c, 16)))
  .join('');

const RETRY_ALARM = 'postguard-records-retry';


const skip =
  (!extensionBuilt() && `PostGuard not built: ${DEFAULT_EXTENSION_DIR}/manifest.json is missing`) ||
  (!(await writable(POLICY_DIR)) && `cannot write Chromium's policy directory ${POLICY_DIR} (run as root)`);
const it = (name, fn) => test(name, { skip }, fn);

const RECORDS_HOST = 'records.westalliswi.gov';

/** IT's records endpoint (https, self-signed): answers `status` (changeable), keeps what it received. */
async function startEndpoint() {
  const received = [];
  const state = { status: 503 };
  const pems = await generate([{ name: 'commonName', value: RECORDS_HOST }], {
    keyType: 'ec', algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: RECORDS_HOST }] }],
  });
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': `chrome-extension://${TEST_ID}`,
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'content-type',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ status: state.status, body: JSON.parse(body) });
      res.writeHead(state.status, cors).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  return { url: `https://${RECORDS_HOST}/postguard`, port, received, state, close: () => server.close() };
}

const chromePolicy = (config) => ({ '3rdparty': { extensions: { [TEST_ID]: config } } });

describe('IT distribution, options, popup and the §7.0 record', () => {
  let h, dir, endpoint, ext;
  const pages = [];
  const cleanup = () => {
    try {
      unlinkSync(POLICY_FILE);
    } catch {}
  };

  before(async () => {
    if (skip) return;
    process.on('exit', cleanup);
    dir = await mkdtemp(path.join(tmpdir(), 'postguard-managed-'));
    ext = path.join(dir, 'extension');
    await cp(DEFAULT_EXTENSION_DIR, ext, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(ext, 'manifest.json'), 'utf8'));
    manifest.key = TEST_KEY;
    await writeFile(path.join(ext, 'manifest.json'), JSON.stringify(manifest));
    endpoint = await startEndpoint();
    h = await launch({ extensionDir: ext, hosts: { [RECORDS_HOST]: endpoint.port } });
    assert.equal(new URL(h.sw.url()).host, TEST_ID, 'the copy has the test key\'s id');
  });
  after(async () => {
    cleanup();
    await h?.close();
    endpoint?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const extUrl = (p) => `chrome-extension://${TEST_ID}/${p}`;
  async function open(url) {
    const page = await h.newPage(url);
    pages.push(page);
    return page;
  }
  const local = (keys) => h.sw.evaluate((k) => chrome.storage.local.get(k), keys);
  const records = () =>
    h.sw.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      return Object.keys(all).filter((k) => k.startsWith('record:')).map((k) => all[k]).sort((a, b) => a.at - b.at);
    });

  /** Writes IT's configuration where Chromium reads it and makes Chromium reload its policies. */
  async function setManagedPolicy(config) {
    await writeFile(POLICY_FILE, JSON.stringify(chromePolicy(config)));
    const page = await h.newPage('chrome://policy');
    await page.locator('#reload-policies').click();
    await page.close();
  }

  it('1. without IT configuration: the embedded policy; the employee sets name and title by keyboard', async () => {
    const page = await open(extUrl('pages/options.html'));
    await page.locator('#policy-source[data-source="embedded"]').waitFor();
    assert.equal(await page.locator('#policy-name').textContent(), 'City of West Allis Social Media Policy 1317');
    assert.equal(await page.locator('#policy-errors').count(), 0);

    // Keyboard only: the email field is the first stop, then name, title; Enter saves.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'user-email');
    await page.keyboard.type('jdoe@gmail.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Jane Doe');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Communications Specialist');
    await page.keyboard.press('Enter');
    await page.locator('#save-status', { hasText: 'user.email: is not a City email address (@westalliswi.gov)' }).waitFor();
    assert.equal((await local('user')).user, undefined, 'nothing saved');

    await page.locator('#user-email').fill('jdoe@westalliswi.gov');
    await page.locator('#user-email').press('Enter');
    await page.locator('#save-status', { hasText: 'Saved.' }).waitFor();
    assert.deepEqual(
      (await local('user')).user,
      { email: 'jdoe@westalliswi.gov', name: 'Jane Doe', title: 'Communications Specialist' },
    );
    // Redrawn from storage, the page keeps focus where the user was.
    await page.locator('#identity-note', { hasText: 'added to replies' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'user-email');

    const popup = await open(extUrl('pages/popup.html'));
    await popup.locator('#identity', { hasText: 'Jane Doe, Communications Specialist (jdoe@westalliswi.gov)' }).waitFor();
    assert.equal(await popup.locator('#policy-source').getAttribute('data-source'), 'embedded');
    // No address configured: the report opens with no recipient, pre-filled.
    const href = await popup.locator('#report').getAttribute('href');
    assert.match(href, /^mailto:\?subject=Unauthorized%20use%20of%20a%20City%20of%20West%20Allis/);
    assert.match(decodeURIComponent(href), /Reported by: Jane Doe <jdoe@westalliswi\.gov>/);
  });

  it('2. IT\'s configuration applies without reinstalling: directory identity, locked fields, report address', async () => {
    const options = await open(extUrl('pages/options.html'));
    await options.locator('#policy-source[data-source="embedded"]').waitFor();
    await setManagedPolicy({
      authorized_users: [{
        email: 'jdoe@westalliswi.gov', name: 'Janet Doe', title: 'Public Information Officer',
        accounts: ['x:CityofWestAllis', 'facebook:CityofWestAllis'],
      }],
      user_may_edit_identity: false,
      report_to: 'it-help@westalliswi.gov',
      severities: { 'city-account-personal-context': 'block' },
      records: { retention_days: 30, endpoint: endpoint.url },
    });
    // The open page redraws when managed storage changes: no reload, no reinstall.
    await options.locator('#policy-source[data-source="managed"]').waitFor();
    assert.equal(await options.locator('#user-name').inputValue(), 'Janet Doe');
    assert.equal(await options.locator('#user-name').getAttribute('readonly'), '');
    assert.equal(await options.locator('#user-title').inputValue(), 'Public Information Officer');
    assert.match(await options.locator('#identity-note').textContent(), /directory of Authorized Users/);
    assert.deepEqual(await options.locator('#accounts li').allTextContents(), ['x:CityofWestAllis', 'facebook:CityofWestAllis']);
    assert.match(await options.locator('#records-summary').textContent(), /kept 30 days/);
    assert.match(await options.locator('#records-summary').textContent(), new RegExp(`sent to ${endpoint.url}`));
    assert.match(await options.locator('#report').getAttribute('href'), /^mailto:it-help@westalliswi\.gov\?subject=/);

    const popup = await open(extUrl('pages/popup.html'));
    await popup.locator('#identity', { hasText: 'Janet Doe, Public Information Officer' }).waitFor();
    assert.equal(await popup.locator('#policy-source').getAttribute('data-source'), 'managed');
    assert.match(await popup.locator('#accounts').textContent(), /x:CityofWestAllis/);
  });

  it('3. City-account posts are recorded as submitted; a Block needs a reason; personal posts are not', async () => {
    const x = await open(`${X}/home?${CITY}`);
    await x.locator(DRAFT).waitFor();
    await x.waitForTimeout(300);
    const clean = 'The library opens at 9am on Saturday.';
    await x.click(DRAFT);
    await x.keyboard.type(clean);
    await x.waitForTimeout(400); // the verdict for the current text is in: no hold
    await x.click(X_BUTTON);
    await x.waitForFunction((n) => window.__posted.length >= n, 1);

    const personal = 'Ugh, so hungover lol, my kids kept me up';
    await x.click(DRAFT);
    await x.keyboard.type(personal);
    await x.click(X_BUTTON);
    const panel = surface(x, 'panel');
    await panel.locator('li[data-section="6.4"]').waitFor();
    await panel.locator('button[data-action="post"]').click();
    // Block: posting anyway asks why; the confirm button waits for a reason.
    const reason = panel.locator('textarea#pg-reason');
    await reason.waitFor();
    assert.equal(await panel.locator('button[data-action="confirm"]').isDisabled(), true);
    assert.equal(await x.evaluate(() => window.__posted.length), 1, 'held');
    await reason.focus();
    await x.keyboard.type('Storm closure notice drafted in a hurry');
    await panel.locator('button[data-action="confirm"]').click();
    await x.waitForFunction(() => window.__posted.length >= 2);
    assert.deepEqual(await x.evaluate(() => window.__posted), [clean, personal]);

    const mine = await open(`${X}/home?${PERSONAL}`);
    await mine.locator(DRAFT).waitFor();
    await mine.waitForTimeout(300);
    await mine.click(DRAFT);
    await mine.keyboard.type('Go Brewers');
    await mine.click(X_BUTTON);
    await mine.waitForFunction(() => window.__posted.length >= 1);

    await x.waitForTimeout(500);
    const saved = await records();
    assert.equal(saved.length, 2, JSON.stringify(saved, null, 1));
    assert.deepEqual(saved.map((r) => r.text), [clean, personal]);
    assert.deepEqual(saved.map((r) => r.account), ['City of West Allis', 'City of West Allis']);
    assert.equal(saved[0].platform, 'x');
    assert.equal(saved[0].url, `${X}/home?${CITY}`);
    assert.equal(saved[0].user, 'jdoe@westalliswi.gov');
    assert.equal(saved[0].user_source, 'typed', 'the email came from the options, and the record says so');
    assert.equal(saved[0].override, null);
    assert.equal(saved[1].verdict, 'block');
    assert.deepEqual(saved[1].override, { reason: 'Storm closure notice drafted in a hurry' });
    assert.deepEqual(saved[1].findings.map((f) => f.section), ['6.4']);
  });

  it('4. the options page exports the record as CSV and JSON, and shows recent findings', async () => {
    const page = await open(extUrl('pages/options.html'));
    await page.locator('#records-summary', { hasText: '2 posts recorded' }).waitFor();
    await page.locator('#recent li[data-section="6.4"]').first().waitFor();
    assert.match(await page.locator('#recent .override').first().textContent(), /Reason: Storm closure notice/);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    assert.match(csvDownload.suggestedFilename(), /^postguard-records-\d{4}-\d\d-\d\d\.csv$/);
    const csv = await readFile(await csvDownload.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFF"id","time","platform","account"'), csv.slice(0, 80));
    assert.equal(csv.split('\r\n').length, 4, 'header, two records, final CRLF');
    assert.ok(csv.includes('"The library opens at 9am on Saturday."'));
    assert.ok(csv.includes('"yes","Storm closure notice drafted in a hurry"'));
    await page.locator('#export-status', { hasText: 'Exported 2 records.' }).waitFor();

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    const doc = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
    assert.equal(doc.format, 'postguard-records/1');
    assert.equal(doc.city, 'City of West Allis');
    assert.deepEqual(doc.records.map((r) => r.text), ['The library opens at 9am on Saturday.', 'Ugh, so hungover lol, my kids kept me up']);
    assert.deepEqual(doc.records, await records());
  });

  it('5. records reach IT\'s endpoint once it answers; until then nothing is lost and retries back off', async () => {
    // The endpoint has been failing (503) since the first record.
    const { delivery } = await local('delivery');
    assert.ok(endpoint.received.length >= 1, `a delivery reached the endpoint: ${JSON.stringify(delivery)}`);
    assert.ok(endpoint.received.every((r) => r.status === 503));
    assert.ok(delivery.failures >= 1 && /HTTP 503/.test(delivery.last_error), JSON.stringify(delivery));
    const alarm = await h.sw.evaluate((name) => chrome.alarms.get(name), RETRY_ALARM);
    assert.ok(alarm, 'a retry is scheduled');
    const expected = 30_000 * 2 ** (delivery.failures - 1);
    assert.ok(Math.abs(alarm.scheduledTime - (delivery.next_at)) < 1000 && alarm.scheduledTime - Date.now() <= expected,
      `retry in ${alarm.scheduledTime - Date.now()} ms, expected about ${expected}`);
    assert.equal((await records()).filter((r) => r.delivered).length, 0);
    const options = await open(extUrl('pages/options.html'));
    await options.locator('#records-summary', { hasText: 'did not answer (HTTP 503)' }).waitFor();

    // IT's server is back. Chrome fires the alarm no sooner than 30 s for packed extensions; the
    // test brings the same alarm forward rather than wait, and the worker's handler delivers.
    endpoint.state.status = 200;
    await h.sw.evaluate((name) => chrome.alarms.create(name, { delayInMinutes: 0.02 }), RETRY_ALARM);
    await options.locator('#records-summary', { hasText: '(0 waiting)' }).waitFor({ timeout: 15_000 });
    const ok = endpoint.received.filter((r) => r.status === 200);
    assert.equal(ok.length, 1);
    assert.equal(ok[0].body.format, 'postguard-records/1');
    assert.deepEqual(ok[0].body.records.map((r) => r.text), ['The library opens at 9am on Saturday.', 'Ugh, so hungover lol, my kids kept me up']);
    assert.ok((await records()).every((r) => r.delivered));
    assert.equal((await local('delivery')).delivery, undefined);
    assert.equal(await h.sw.evaluate((name) => chrome.alarms.get(name), RETRY_ALARM), undefined);
    // Nothing but the records went anywhere: every request the extension made was a POST (or its
    // CORS preflight) to IT's endpoint.
    const mine = extensionNetworkRequests(h.requests).filter((r) => !r.url.startsWith('https://x.com/'));
    assert.ok(mine.length > 0);
    for (const r of mine) assert.ok(r.url === endpoint.url && ['POST', 'OPTIONS'].includes(r.method), JSON.stringify(r));
  });

  it('6. a broken value is reported with its path; the last good policy stays in force, across a restart', async () => {
    const good = JSON.parse(await readFile(POLICY_FILE, 'utf8'))['3rdparty'].extensions[TEST_ID];
    const options = await open(extUrl('pages/options.html'));
    await options.locator('#policy-source[data-source="managed"]').waitFor();
    await setManagedPolicy({ ...good, email_domains: ['westalliswi.gov', 'not a domain'], report_to: 'it help desk' });
    await options.locator('#policy-source[data-source="last_good"]').waitFor();
    assert.deepEqual(await options.locator('#policy-errors li').evaluateAll((lis) => lis.map((li) => li.dataset.path)),
      ['email_domains[1]', 'report_to']);
    assert.match(await options.locator('#policy-errors').textContent(), /email_domains\[1\]: is not a domain name/);
    // Still the last good configuration's directory and report address.
    assert.equal(await options.locator('#user-name').inputValue(), 'Janet Doe');
    assert.match(await options.locator('#report').getAttribute('href'), /^mailto:it-help@westalliswi\.gov/);
    assert.deepEqual((await local('lastGoodPolicy')).lastGoodPolicy, good);

    // Chrome stops idle workers; a new one starts from storage, and the last good configuration
    // is still what applies. Stop it as Chrome would (DevTools protocol), then ask it again.
    await h.sw.evaluate(() => { self.postguardTestMarker = true; });
    const cdp = await h.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const popup = await open(extUrl('pages/popup.html')); // its messages start the worker again
    await popup.locator('#policy-source[data-source="last_good"]').waitFor();
    assert.deepEqual(await popup.locator('#policy-errors li').evaluateAll((lis) => lis.map((li) => li.dataset.path)),
      ['email_domains[1]', 'report_to']);
    await popup.locator('#identity', { hasText: 'Janet Doe' }).waitFor();
    // It really was a new worker: the old one's globals are gone.
    const workers = h.context.serviceWorkers().filter((w) => w.url().includes(TEST_ID));
    assert.equal(workers.length, 1);
    assert.equal(await workers[0].evaluate(() => self.postguardTestMarker ?? 'fresh'), 'fresh');
    h.sw = workers[0];
  });

  it('6b. values of the wrong type, which the browser drops: the last good policy stays, and the pages say so (issue 13)', async () => {
    const good = (await local('lastGoodPolicy')).lastGoodPolicy; // test 2's configuration, kept by test 6
    assert.ok(good);
    await setManagedPolicy(good);
    const options = await open(extUrl('pages/options.html'));
    await options.locator('#policy-source[data-source="managed"]').waitFor();
    assert.deepEqual((await local('lastGoodPolicy')).lastGoodPolicy, good);
    // Every value of the wrong type: Chromium drops them all, and PostGuard sees {}.
    await setManagedPolicy(Object.fromEntries(Object.keys(good).map((k) => [k, typeof good[k] === 'number' ? 'x' : 42])));
    assert.deepEqual(await h.sw.evaluate(() => chrome.storage.managed.get(null)), {});
    await options.locator('#policy-source[data-source="last_good"]').waitFor();
    const paths = await options.locator('#policy-errors li').evaluateAll((lis) => lis.map((li) => li.dataset.path));
    assert.deepEqual(paths.sort(), Object.keys(good).sort());
    assert.match(await options.locator('#policy-errors').textContent(), /chrome:\/\/policy/);
    assert.deepEqual((await local('lastGoodPolicy')).lastGoodPolicy, good, 'the last good configuration was deleted');
    const popup = await open(extUrl('pages/popup.html'));
    await popup.locator('#policy-source[data-source="last_good"]').waitFor();
    assert.match(await popup.locator('#policy-errors').textContent(), /chrome:\/\/policy/);
    await setManagedPolicy(good); // as the other tests expect it
    await options.locator('#policy-source[data-source="managed"]').waitFor();
  });

  it('6c. identity_from_profile: the options offer the browser\'s sign-in; unsigned, records say the email was typed', async () => {
    const options = await open(extUrl('pages/options.html'));
    await options.locator('#policy-source').waitFor();
    assert.equal(await options.locator('#profile-identity').count(), 0, 'off unless IT turns it on');
    // IT's configuration so far, plus the switch (a configuration that drops keys keeps the
    // last good one in force, as test 6b shows).
    const good = (await local('lastGoodPolicy')).lastGoodPolicy;
    await setManagedPolicy({ ...good, identity_from_profile: true });
    await options.locator('#profile-identity', { hasText: 'use the City account your browser is signed in with' }).waitFor();
    assert.equal(await options.locator('#use-profile').textContent(), 'Use my browser’s sign-in');
    assert.equal(
      await h.sw.evaluate(() => chrome.permissions.contains({ permissions: ['identity.email'] })),
      false,
      'an optional permission: nothing granted at install',
    );
    const x = await open(`${X}/home?${CITY}`);
    await x.locator(DRAFT).waitFor();
    await x.waitForTimeout(300);
    const text = 'Leaf collection starts Monday on the north side.';
    await x.click(DRAFT);
    await x.keyboard.type(text);
    await x.waitForTimeout(400);
    await x.click(X_BUTTON);
    await x.waitForFunction((t) => window.__posted.includes(t), text);
    await x.waitForTimeout(500);
    const mine = (await records()).find((r) => r.text === text);
    assert.equal(mine?.user, 'jdoe@westalliswi.gov', JSON.stringify(mine));
    assert.equal(mine.user_source, 'typed', 'no signed-in profile here: the typed email, and the record says so');
    // Turned off by saying so: a key that vanishes keeps its last good value (issue 13).
    await setManagedPolicy({ ...good, identity_from_profile: false });
    await options.locator('#profile-identity').waitFor({ state: 'detached' });
  });

  it('7. the popup reports the adapter status of a tab, in dark mode too', async () => {
    const x = await open(`${X}/home?${CITY}`);
    await x.locator(DRAFT).waitFor();
    const tabs = await h.sw.evaluate(() => new Promise((r) => setTimeout(async () => r((await chrome.storage.session.get('tabs')).tabs), 500)));
    const id = Object.keys(tabs).find((k) => tabs[k].host === 'x.com');
    assert.ok(id, JSON.stringify(tabs));
    const popup = await open(extUrl(`pages/popup.html?tab=${id}`));
    await popup.locator('#site[data-status="active"]', { hasText: 'checking posts on x.com' }).waitFor();
    const none = await open(extUrl('pages/popup.html?tab=999999'));
    await none.locator('#site[data-status="none"]').waitFor();

    const light = await none.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await none.emulateMedia({ colorScheme: 'dark' });
    const dark = await none.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(light, 'rgb(255, 255, 255)');
    assert.equal(dark, 'rgb(30, 30, 30)');
  });
});
